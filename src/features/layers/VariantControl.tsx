import { findSpec, VARIANT_SPECS } from '../../core/variantSpecs';
import { useEngineStore } from '../../session/engineStore';
import { VariantParams } from '../complexity';
import { checkSequence } from './inputCheck';
import { paramsOf, SEED_PARAM } from './layersConfig';
import { useLayersStore } from './layersStore';
import { modelOf, variantCheck } from './runPlan';

/**
 * The attention that replaces the model's softmax at inference: any engine variant with its
 * parameters. Variants that cannot run here are marked in the list and, when chosen, refused
 * with the reason before anything runs.
 */
export function VariantControl() {
  const config = useLayersStore((s) => s.config);
  const models = useLayersStore((s) => s.models.list);
  const setConfig = useLayersStore((s) => s.setConfig);
  const setParam = useLayersStore((s) => s.setParam);
  const backend = useEngineStore((s) => s.engine.report?.name ?? null);
  const model = modelOf(config, models);
  const n = model ? checkSequence(config.text, model.config.context).tokens.length || 1 : 1;
  const refusalOf = (id: string) =>
    model ? variantCheck(id, paramsOf(config, id), model, n, backend).reason : null;
  const spec = findSpec(config.variant);
  const reason = refusalOf(config.variant);
  const given = paramsOf(config);
  return (
    <fieldset className="layers-fieldset">
      <legend>Attention at inference</legend>
      <div className="layers-fieldset-body">
        <label className="lab-field">
          <span>variant in place of softmax</span>
          <select
            value={config.variant}
            onChange={(e) => setConfig({ variant: e.target.value })}
            data-testid="variant-select"
          >
            {VARIANT_SPECS.map((s) => (
              <option key={s.id} value={s.id}>
                {s.label}
                {s.supportsCausal ? '' : ' — not causal, refused'}
              </option>
            ))}
          </select>
        </label>
        {spec ? (
          <p className="layers-card-text">
            <code>{spec.complexity.time}</code> {spec.complexity.words}.
            {spec.exact ? ' Exact: the maps should match softmax up to rounding.' : ''}
          </p>
        ) : null}
        {spec ? (
          <VariantParams
            params={spec.params}
            values={given}
            onChange={(name, v) => setParam(spec.id, name, v)}
          />
        ) : null}
        {spec?.seeded ? (
          <div className="layers-seed">
            <VariantParams
              params={[SEED_PARAM]}
              values={{ seed: config.seed }}
              onChange={(_, seed) => setConfig({ seed })}
            />
            <button
              type="button"
              className="button"
              onClick={() => setConfig({ seed: (config.seed + 1) % (SEED_PARAM.max + 1) })}
              title="Run the same variant with another random draw"
            >
              New draw
            </button>
          </div>
        ) : null}
        {reason ? (
          <p className="notice warn" role="note" data-testid="variant-refused">
            <strong>Refused, not run:</strong> {reason}.
          </p>
        ) : null}
      </div>
    </fieldset>
  );
}
