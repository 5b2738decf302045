import { VARIANT_SPECS } from '../../core/variantSpecs';
import { useLabStore } from './labStore';
import type { LabConfig } from './model/labConfig';
import { VariantParams } from './VariantParams';

/** One checkbox per variant with its complexity in words and symbols, and its parameters. */
export function VariantPicker({ config, disabled }: { config: LabConfig; disabled: boolean }) {
  const toggle = useLabStore((s) => s.toggleVariant);
  const setParam = useLabStore((s) => s.setParam);
  return (
    <fieldset className="lab-variants" disabled={disabled}>
      <legend>Variants</legend>
      <ul className="lab-variant-list">
        {VARIANT_SPECS.map((spec) => {
          const on = config.variants.includes(spec.id);
          return (
            <li key={spec.id} className={on ? 'lab-variant on' : 'lab-variant'}>
              <label className="lab-variant-head">
                <input
                  type="checkbox"
                  checked={on}
                  onChange={() => toggle(spec.id)}
                  data-variant={spec.id}
                />
                <span className="lab-variant-name">{spec.label}</span>
                <code className="lab-variant-cost">{spec.complexity.time}</code>
              </label>
              <span className="lab-variant-words">
                {spec.complexity.words}; memory {spec.complexity.memory}
                {spec.supportsCausal ? '' : '; not causal'}
              </span>
              {on ? (
                <VariantParams
                  params={spec.params}
                  values={config.params[spec.id]}
                  onChange={(name, v) => setParam(spec.id, name, v)}
                />
              ) : null}
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}
