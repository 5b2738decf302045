import type { PeerPlan } from './peerReport';

/** The peer page's plan travels in its query string: the CLI writes it, the page reads it. */

export const DEFAULT_PEER_PLAN: PeerPlan = {
  ns: [2048, 4096],
  d: 64,
  heads: 1,
  causal: [false, true],
  repeats: 5,
  seed: 1,
  wasmMaxN: 4096,
};

export function peerQuery(p: PeerPlan): string {
  const q = new URLSearchParams({
    n: p.ns.join(','),
    d: String(p.d),
    heads: String(p.heads),
    causal: p.causal.map((c) => (c ? '1' : '0')).join(','),
    repeats: String(p.repeats),
    seed: String(p.seed),
    wasmMaxN: String(p.wasmMaxN),
  });
  return `?${q}`;
}

const ints = (text: string | null): number[] | null =>
  text === null ? null : text.split(',').map((s) => Number(s));

/** The plan from a query string; a missing field takes its default, a bad one throws. */
export function peerPlanFromQuery(search: string): PeerPlan {
  const q = new URLSearchParams(search);
  const int = (name: string, value: number, lo: number, hi: number) => {
    if (!Number.isInteger(value) || value < lo || value > hi) {
      throw new Error(`${name} must be an integer from ${lo} to ${hi}, not ${value}`);
    }
    return value;
  };
  const one = (name: keyof PeerPlan & string, lo: number, hi: number) => {
    const text = q.get(name);
    return int(name, text === null ? (DEFAULT_PEER_PLAN[name] as number) : Number(text), lo, hi);
  };
  const ns = (ints(q.get('n')) ?? DEFAULT_PEER_PLAN.ns).map((n) => int('n', n, 16, 16384));
  const causal = (ints(q.get('causal')) ?? DEFAULT_PEER_PLAN.causal.map(Number)).map(
    (c) => int('causal', c, 0, 1) === 1,
  );
  return {
    ns,
    d: one('d', 1, 128),
    heads: one('heads', 1, 16),
    causal,
    repeats: one('repeats', 1, 50),
    seed: one('seed', 0, 2 ** 31 - 1),
    wasmMaxN: one('wasmMaxN', 0, 16384),
  };
}
