import type { ParamSpec } from '../../core/params';

/**
 * A variant's parameters as number inputs with their ranges; a typed value is clamped to the
 * range, an empty or partial one is ignored until it parses. Shared by the lab and the layer
 * explorer.
 */
export function VariantParams({
  params,
  values,
  onChange,
}: {
  params: readonly ParamSpec[];
  values: Readonly<Record<string, number>> | undefined;
  onChange: (name: string, value: number) => void;
}) {
  if (params.length === 0) return null;
  return (
    <span className="lab-params">
      {params.map((p) => (
        <label key={p.name} className="lab-param" title={p.description}>
          <span>{p.label}</span>
          <input
            type="number"
            min={p.min}
            max={p.max}
            step={p.integer ? 1 : 'any'}
            value={values?.[p.name] ?? p.default}
            onChange={(e) => {
              const v = e.target.valueAsNumber;
              if (Number.isFinite(v)) onChange(p.name, Math.min(p.max, Math.max(p.min, v)));
            }}
          />
          <span className="lab-param-range">
            {p.min}–{p.max}
          </span>
        </label>
      ))}
    </span>
  );
}
