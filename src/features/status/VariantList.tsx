import type { VariantSpec } from '../../core/variantSpec';
import { VARIANT_SPECS } from '../../core/variantSpecs';

function VariantItem({ spec }: { spec: VariantSpec }) {
  return (
    <li className="variant">
      <div className="variant-head">
        <h3 className="variant-name">{spec.label}</h3>
        <span className={`badge badge-${spec.family}`}>{spec.family}</span>
      </div>
      <p className="variant-words">{spec.complexity.words}</p>
      <p className="variant-cost">
        time <code>{spec.complexity.time}</code> · memory <code>{spec.complexity.memory}</code>
        {spec.supportsCausal ? '' : ' · not causal'}
      </p>
      {spec.params.length ? (
        <ul className="params">
          {spec.params.map((p) => (
            <li key={p.name} title={p.description}>
              {p.label} = {p.default}{' '}
              <span className="muted">
                ({p.min}–{p.max})
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted params">no parameters</p>
      )}
    </li>
  );
}

/** The registered variants with their complexity and default parameters (no tfjs needed). */
export function VariantList() {
  return (
    <section className="panel" aria-labelledby="variants-heading">
      <h2 id="variants-heading">Variants ({VARIANT_SPECS.length})</h2>
      <ul className="variants">
        {VARIANT_SPECS.map((spec) => (
          <VariantItem key={spec.id} spec={spec} />
        ))}
      </ul>
    </section>
  );
}
