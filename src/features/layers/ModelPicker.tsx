import { useLayersStore } from './layersStore';
import { architectureText, formatPercent, provenanceItems, provenanceSummary } from './modelText';
import { modelOf } from './runPlan';

/** The model select and its card: architecture, trained or not, held-out accuracy, provenance. */
export function ModelPicker() {
  const models = useLayersStore((s) => s.models);
  const config = useLayersStore((s) => s.config);
  const setConfig = useLayersStore((s) => s.setConfig);
  const model = modelOf(config, models.list);
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
            {model.trained ? (
              <>
                <p className="layers-card-text" data-testid="model-trained">
                  <strong>Trained</strong> on the copy task
                  {provenanceSummary(model) ? ` (${provenanceSummary(model)})` : ''}
                  {model.accuracy !== null ? (
                    <>
                      : held-out accuracy <strong>{formatPercent(model.accuracy)}</strong>
                    </>
                  ) : null}
                  .
                </p>
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
