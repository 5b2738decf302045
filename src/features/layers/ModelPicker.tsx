import { MOD_CAPACITIES } from '../../core/model/config';
import type { ModelInfo } from '../../core/model/trace';
import { CLAIM_MARGIN, checkClaim } from './accuracyClaim';
import { useLayersStore } from './layersStore';
import { architectureText, formatPercent, provenanceItems, provenanceSummary } from './modelText';

/** The model select and its card: architecture, trained or not, held-out accuracy, provenance. */
export function ModelPicker() {
  const models = useLayersStore((s) => s.models);
  const config = useLayersStore((s) => s.config);
  const setConfig = useLayersStore((s) => s.setConfig);
  // The card describes the model as trained; the capacity control says how it runs.
  const model = models.list.find((m) => m.id === config.model) ?? models.list[0] ?? null;
  return (
    <fieldset className="layers-fieldset">
      <legend>Model</legend>
      <div className="layers-fieldset-body">
        {models.status === 'failed' ? (
          <p className="notice error" role="alert">
            The model index could not be loaded: {models.error}
          </p>
        ) : null}
        {models.status === 'loading' || models.status === 'idle' ? (
          <p className="loading" role="status">
            Loading the model index…
          </p>
        ) : null}
        {model ? (
          <>
            <label className="lab-field">
              <span>model</span>
              <select
                value={model.id}
                onChange={(e) => setConfig({ model: e.target.value })}
                data-testid="model-select"
              >
                {models.list.map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.label}
                    {m.trained ? '' : ' (untrained)'}
                  </option>
                ))}
              </select>
            </label>
            <p className="layers-card-text">{architectureText(model)}</p>
            {model.config.mod ? <CapacityControl model={model} /> : null}
            {model.trained ? (
              <>
                <p className="layers-card-text" data-testid="model-trained">
                  <strong>Trained</strong> on the copy task
                  {provenanceSummary(model) ? ` (${provenanceSummary(model)})` : ''}
                  {model.accuracy !== null ? (
                    <>
                      : held-out accuracy <strong>{formatPercent(model.accuracy)}</strong> (the
                      model file's claim)
                    </>
                  ) : null}
                  .
                </p>
                <ClaimNote model={model} />
                {model.training ? (
                  <details className="layers-provenance">
                    <summary>Training provenance</summary>
                    <dl>
                      {provenanceItems(model).map(([k, v]) => (
                        <div key={k}>
                          <dt>{k}</dt>
                          <dd>{v}</dd>
                        </div>
                      ))}
                    </dl>
                  </details>
                ) : null}
              </>
            ) : (
              <p className="notice warn" role="note" data-testid="model-untrained">
                <strong>Untrained weights.</strong> This model runs its random initialisation: its
                maps show no learned pattern and its predictions are chance.
              </p>
            )}
          </>
        ) : null}
      </div>
    </fieldset>
  );
}

/**
 * A MoD model's capacity C/S at inference: the routers keep their trained weights and each
 * routed layer keeps the top ⌈C·T⌉ tokens, so the maps and the accuracy show what routing fewer
 * (or all) tokens does to a model trained at one capacity.
 */
function CapacityControl({ model }: { model: ModelInfo }) {
  const capacity = useLayersStore((s) => s.config.capacity);
  const setConfig = useLayersStore((s) => s.setConfig);
  const trained = model.config.mod?.capacity ?? 1;
  const shown = capacity ?? trained;
  return (
    <>
      <label className="lab-field">
        <span>capacity C/S at inference</span>
        <select
          value={String(shown)}
          onChange={(e) => {
            const v = Number(e.target.value);
            setConfig({ capacity: v === trained ? null : v });
          }}
          data-testid="capacity-select"
        >
          {MOD_CAPACITIES.map((c) => (
            <option key={c} value={String(c)}>
              {formatPercent(c)}
              {c === trained ? ' (as trained)' : ''}
            </option>
          ))}
        </select>
      </label>
      {shown !== trained ? (
        <p className="layers-card-text" data-testid="capacity-note">
          Trained at {formatPercent(trained)}; running at {formatPercent(shown)}: the same routers
          now keep the top {formatPercent(shown)} of tokens on each routed layer.
        </p>
      ) : null}
    </>
  );
}

/** The accuracy measured on the loaded weights beside the file's claim; a warning when apart. */
function ClaimNote({ model }: { model: ModelInfo }) {
  const report = useLayersStore((s) => (s.accuracy.status === 'done' ? s.accuracy.result : null));
  const claim = checkClaim(model, report);
  if (!claim) return null;
  return claim.agrees ? (
    <p className="layers-card-text" data-testid="accuracy-claim">
      Measured here on the loaded weights: <strong>{formatPercent(claim.measured)}</strong> (exact
      softmax), within {formatPercent(CLAIM_MARGIN)} of the claim.
    </p>
  ) : (
    <p className="notice error" role="alert" data-testid="accuracy-claim">
      <strong>The loaded weights do not match the file's claim:</strong> measured{' '}
      {formatPercent(claim.measured)} (exact softmax) against the claimed{' '}
      {formatPercent(claim.claimed)}, more than {formatPercent(CLAIM_MARGIN)} apart.
    </p>
  );
}
