import { type KeyboardEvent, useRef, useState } from 'react';
import { Heatmap, type HeatmapCell } from '../../charts/Heatmap';
import { causalMask, formatCellValue } from '../../charts/heatmapScale';
import { findSpec } from '../../core/variantSpecs';
import type { GridView } from './layersConfig';
import type { TraceMaps } from './traceViews';

/**
 * Every layer × head as small multiples (rows: layers, columns: heads). Each map is a button:
 * click or Enter selects it for the large view; arrow keys move between maps (one tab stop for
 * the grid). A shared line reads out the cell under the pointer.
 */

const SEQ_DOMAIN: [number, number] = [0, 1];

export function HeadGrid(props: {
  maps: TraceMaps;
  variant: string;
  view: GridView;
  onView: (v: GridView) => void;
  selected: { layer: number; head: number };
  onSelect: (layer: number, head: number) => void;
}) {
  const { maps, selected } = props;
  const grid = useRef<HTMLTableElement>(null);
  const [hover, setHover] = useState<{ layer: number; head: number; cell: HeatmapCell } | null>(
    null,
  );
  const layers = maps.heads.length;
  const heads = maps.heads[0]?.length ?? 0;
  const diff = props.view === 'difference';
  const diffDomain: [number, number] = [-maps.diffMax, maps.diffMax];
  const variantLabel = findSpec(props.variant)?.label ?? props.variant;

  const onKey = (e: KeyboardEvent, l: number, h: number) => {
    const moves: Record<string, [number, number]> = {
      ArrowUp: [-1, 0],
      ArrowDown: [1, 0],
      ArrowLeft: [0, -1],
      ArrowRight: [0, 1],
    };
    const m = moves[e.key];
    if (!m) return;
    e.preventDefault();
    const nl = Math.max(0, Math.min(layers - 1, l + m[0]));
    const nh = Math.max(0, Math.min(heads - 1, h + m[1]));
    props.onSelect(nl, nh);
    grid.current?.querySelector<HTMLButtonElement>(`[data-head="${nl}-${nh}"]`)?.focus();
  };

  const readout = (() => {
    if (!hover)
      return 'Hover a map for a value; click one (or use the arrow keys) to inspect it below.';
    const { layer, head, cell } = hover;
    const where = `L${layer + 1} H${head + 1}, query ${maps.labels[cell.row]} (${cell.row}) → key ${maps.labels[cell.col]} (${cell.col})`;
    if (causalMask(cell.row, cell.col)) return `${where}: masked (a query cannot see later keys)`;
    const m = maps.heads[layer][head];
    const v = (diff ? m.diff : m.used)[cell.row * maps.t + cell.col];
    return `${where}: ${diff ? 'variant − exact' : 'weight'} ${formatCellValue(v)}`;
  })();

  return (
    <div className="head-grid-box">
      <div className="layers-toggle" role="radiogroup" aria-label="Small multiples show">
        {(
          [
            ['used', `weights used (${variantLabel})`],
            ['difference', 'difference from exact softmax'],
          ] as const
        ).map(([value, label]) => (
          <label key={value} className="layers-toggle-option">
            <input
              type="radio"
              name="grid-view"
              checked={props.view === value}
              onChange={() => props.onView(value)}
            />
            <span>{label}</span>
          </label>
        ))}
      </div>
      <div className="head-grid-scroll">
        <table className="head-grid" ref={grid} data-testid="head-grid">
          <thead>
            <tr>
              <th aria-label="layer" />
              {Array.from({ length: heads }, (_, h) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: heads are positional
                <th key={h} scope="col">
                  H{h + 1}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {maps.heads.map((row, l) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: layers are positional
              <tr key={l}>
                <th scope="row">L{l + 1}</th>
                {row.map((m, h) => {
                  const on = selected.layer === l && selected.head === h;
                  return (
                    // biome-ignore lint/suspicious/noArrayIndexKey: heads are positional
                    <td key={h}>
                      <button
                        type="button"
                        className={on ? 'head-button selected' : 'head-button'}
                        aria-pressed={on}
                        aria-label={`Layer ${l + 1}, head ${h + 1}`}
                        tabIndex={on ? 0 : -1}
                        data-head={`${l}-${h}`}
                        onClick={() => props.onSelect(l, h)}
                        onKeyDown={(e) => onKey(e, l, h)}
                      >
                        <Heatmap
                          compact
                          title={`L${l + 1} H${h + 1}`}
                          rows={maps.t}
                          cols={maps.t}
                          values={diff ? m.diff : m.used}
                          scale={diff ? 'diverging' : 'sequential'}
                          domain={diff ? diffDomain : SEQ_DOMAIN}
                          masked={causalMask}
                          onCursor={(cell) => setHover(cell ? { layer: l, head: h, cell } : null)}
                        />
                      </button>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="chart-readout" aria-live="polite">
        {readout}
      </p>
      <p className="chart-note">
        {diff
          ? `Blue: the variant gives less weight than softmax, red: more; one scale for all maps (±${formatCellValue(maps.diffMax)}).`
          : 'Rows: queries; columns: keys; darker = more weight (0 to 1, same scale for all maps).'}{' '}
        Hatched: masked, a token cannot see later tokens.
      </p>
    </div>
  );
}
