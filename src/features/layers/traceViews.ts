import { tokenChar } from '../../core/model/task';
import type { ForwardTrace } from '../../core/model/trace';
import { difference } from './headPick';

/** Per-trace derived matrices the views share, computed once per trace. */

export interface HeadMaps {
  used: Float32Array;
  exact: Float32Array;
  diff: Float32Array;
}

export interface TraceMaps {
  labels: string[];
  t: number;
  heads: HeadMaps[][];
  /** ±this spans every difference map (so small multiples compare); at least DIFF_FLOOR. */
  diffMax: number;
}

/** Differences below this are rounding: keep the diverging scale from amplifying them. */
export const DIFF_FLOOR = 0.01;

export function traceMaps(trace: ForwardTrace): TraceMaps {
  let diffMax = DIFF_FLOOR;
  const heads = trace.layers.map((layer) =>
    layer.exact.map((exact, h) => {
      const used = layer.attention[h] ?? exact;
      const diff = difference(used, exact);
      for (const v of diff) if (Math.abs(v) > diffMax) diffMax = Math.abs(v);
      return { used, exact, diff };
    }),
  );
  return { labels: trace.tokens.map(tokenChar), t: trace.tokens.length, heads, diffMax };
}
