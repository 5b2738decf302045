import { isStroked, markerPath } from './markerShapes';
import type { MarkerShape } from './palette';

/** Clickable legend: each entry toggles its series; the pressed state is exposed to assistive tech. */
export interface LegendItem {
  id: string;
  label: string;
  color: string;
  /** The series' point marker, drawn in the swatch (its colour fills the box otherwise). */
  shape?: MarkerShape;
  note?: string;
}

export function Legend(props: {
  items: LegendItem[];
  hidden: ReadonlySet<string>;
  onToggle: (id: string) => void;
}) {
  return (
    <ul className="legend">
      {props.items.map((item) => {
        const shown = !props.hidden.has(item.id);
        return (
          <li key={item.id}>
            <button
              type="button"
              className="legend-item"
              aria-pressed={shown}
              onClick={() => props.onToggle(item.id)}
              title={shown ? `Hide ${item.label}` : `Show ${item.label}`}
            >
              <svg width="14" height="14" aria-hidden="true">
                {item.shape ? (
                  <path
                    d={markerPath(item.shape, 70)}
                    transform="translate(7,7)"
                    fill={shown && !isStroked(item.shape) ? item.color : 'none'}
                    stroke={item.color}
                    strokeWidth="1.8"
                  />
                ) : (
                  <rect
                    width="14"
                    height="14"
                    rx="3"
                    fill={shown ? item.color : 'none'}
                    stroke={item.color}
                    strokeWidth="2"
                  />
                )}
              </svg>
              <span>{item.label}</span>
              {item.note && <span className="legend-note">{item.note}</span>}
            </button>
          </li>
        );
      })}
    </ul>
  );
}
