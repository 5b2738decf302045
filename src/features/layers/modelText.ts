import type { ModelInfo } from '../../core/model/trace';

/** The model in words for the picker's card: shape, norm placement, residual and depth mixing. */
export function architectureText(m: ModelInfo): string {
  const c = m.config;
  const parts = [
    `${c.layers} layer${c.layers === 1 ? '' : 's'} × ${c.heads} head${c.heads === 1 ? '' : 's'}`,
    `d_model ${c.dModel}, MLP ${c.dMlp}`,
    c.norm === 'pre' ? 'PreNorm' : 'PostNorm',
    c.residual === 'attnres' ? 'Attention Residuals (softmax over depth)' : 'standard residual sum',
  ];
  if (c.mod) {
    const layers = c.mod.layers.map((l) => `L${l + 1}`).join(', ');
    parts.push(`Mixture-of-Depths: ${formatPercent(c.mod.capacity)} of tokens routed on ${layers}`);
  }
  if (c.moda) parts.push("MoDA: heads also attend to the same token's earlier layers");
  parts.push(`context ${c.context} tokens`);
  return parts.join('; ');
}

export function formatPercent(x: number): string {
  const p = x * 100;
  return `${p >= 10 || p === 0 ? p.toFixed(1) : p.toPrecision(2)}%`;
}

/** Training provenance as [name, value] pairs in the file's order (dates shortened). */
export function provenanceItems(m: ModelInfo): [string, string][] {
  return Object.entries(m.training ?? {}).map(([k, v]) => {
    if (typeof v === 'string' && /^\d{4}-\d\d-\d\dT/.test(v)) return [k, v.slice(0, 10)];
    return [k, String(v)];
  });
}

/** The headline of the provenance: steps, seed, wall time, backend, date (those present). */
export function provenanceSummary(m: ModelInfo): string {
  const t = m.training ?? {};
  const parts: string[] = [];
  if (t.steps !== undefined) parts.push(`${t.steps} steps`);
  if (t.seed !== undefined) parts.push(`seed ${t.seed}`);
  if (t.wallSeconds !== undefined) {
    parts.push(`${t.wallSeconds} s${t.backend !== undefined ? ` on ${t.backend}` : ''}`);
  } else if (t.backend !== undefined) parts.push(`on ${t.backend}`);
  if (typeof t.date === 'string') parts.push(t.date.slice(0, 10));
  return parts.join(', ');
}
