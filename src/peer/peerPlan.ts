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

/** What the page accepts; the CLI checks a plan against the same before it starts Chromium. */
const PEER_LIMITS: Record<'n' | 'd' | 'heads' | 'repeats' | 'seed' | 'wasmMaxN', [number, number]> =
  {
    n: [16, 16384],
    d: [1, 128],
    heads: [1, 16],
    repeats: [1, 50],
    seed: [0, 2 ** 31 - 1],
    wasmMaxN: [0, 16384],
  };

/** Why `plan` is outside the page's limits ("d must be an integer from 1 to 128, not 200"). */
export function peerPlanRefusal(plan: PeerPlan): string | null {
  const values: [keyof typeof PEER_LIMITS, number][] = [
    ...plan.ns.map((n): [keyof typeof PEER_LIMITS, number] => ['n', n]),
    ['d', plan.d],
    ['heads', plan.heads],
    ['repeats', plan.repeats],
    ['seed', plan.seed],
    ['wasmMaxN', plan.wasmMaxN],
  ];
  for (const [name, value] of values) {
    const [lo, hi] = PEER_LIMITS[name];
    if (!Number.isInteger(value) || value < lo || value > hi) {
      return `${name} must be an integer from ${lo} to ${hi}, not ${value}`;
    }
  }
  return null;
}

const ints = (text: string | null): number[] | null =>
  text === null ? null : text.split(',').map((s) => Number(s));

/** The plan from a query string; a missing field takes its default, a bad one throws. */
export function peerPlanFromQuery(search: string): PeerPlan {
  const q = new URLSearchParams(search);
  const one = (name: keyof PeerPlan & string) => {
    const text = q.get(name);
    return text === null ? (DEFAULT_PEER_PLAN[name] as number) : Number(text);
  };
  const causalFlags = ints(q.get('causal')) ?? DEFAULT_PEER_PLAN.causal.map(Number);
  const badFlag = causalFlags.find((c) => c !== 0 && c !== 1);
  if (badFlag !== undefined)
    throw new Error(`causal must be an integer from 0 to 1, not ${badFlag}`);
  const plan: PeerPlan = {
    ns: ints(q.get('n')) ?? DEFAULT_PEER_PLAN.ns,
    d: one('d'),
    heads: one('heads'),
    causal: causalFlags.map((c) => c === 1),
    repeats: one('repeats'),
    seed: one('seed'),
    wasmMaxN: one('wasmMaxN'),
  };
  const refusal = peerPlanRefusal(plan);
  if (refusal) throw new Error(refusal);
  return plan;
}
