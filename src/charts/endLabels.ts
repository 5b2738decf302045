/**
 * Where the end-of-line labels of a chart go: at each line's last point, moved apart vertically
 * so that no two overlap (at least LABEL_GAP px between baselines) and kept inside the plot.
 */

export const LABEL_GAP = 13;

export interface EndLabel {
  id: string;
  label: string;
  color: string;
  x: number;
  y: number;
}

export function endLabelLayout(labels: readonly EndLabel[], innerH: number): EndLabel[] {
  const out = [...labels].sort((a, b) => a.y - b.y).map((l) => ({ ...l }));
  for (let i = 1; i < out.length; i++) out[i].y = Math.max(out[i].y, out[i - 1].y + LABEL_GAP);
  // Pushed past the bottom: shift back up from the last one, then never above the top.
  const last = out.length - 1;
  if (last >= 0 && out[last].y > innerH) out[last].y = innerH;
  for (let i = last - 1; i >= 0; i--) out[i].y = Math.min(out[i].y, out[i + 1].y - LABEL_GAP);
  for (let i = 0; i <= last; i++)
    out[i].y = Math.max(out[i].y, i === 0 ? 0 : out[i - 1].y + LABEL_GAP);
  return out;
}
