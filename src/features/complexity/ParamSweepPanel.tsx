import { LineChart } from '../../charts/LineChart';
import { variantColor, variantShape } from '../../charts/palette';
import { findSpec, VARIANT_IDS } from '../../core/variantSpecs';
import { useEngineStore } from '../../session/engineStore';
import { formatError, formatN } from '../../shared/numberFormat';
import { useLabStore } from './labStore';
import { nsOf } from './model/labConfig';
import { paramValues, tunable } from './model/paramSweep';

const noHidden: ReadonlySet<string> = new Set();

/** Chart 3b: one variant's error against one of its own parameters at a chosen n. */
export function ParamSweepPanel() {
  const config = useLabStore((s) => s.config);
  const sel = useLabStore((s) => s.ui.param);
  const setSel = useLabStore((s) => s.setParamSelection);
  const paramRun = useLabStore((s) => s.paramRun);
  const sweepRunning = useLabStore((s) => s.run.status === 'running');
  const runParams = useLabStore((s) => s.runParamSweep);
  const limits = useEngineStore((s) => s.engine.report?.limits ?? null);
  const phase = useEngineStore((s) => s.engine.phase);
  const spec = findSpec(sel.variant);
  const param = spec?.params.find((p) => p.name === sel.param);
  const { values, refused } = paramValues(config, sel, limits);
  const running = paramRun.status === 'running';
  const shown = paramRun.selection;
  const shownSpec = shown ? findSpec(shown.variant) : undefined;
  const shownLabel = shownSpec?.params.find((p) => p.name === shown?.param)?.label ?? shown?.param;
  const points = paramRun.points
    .filter((p) => p.row.refused === undefined && (p.row.relError ?? 0) > 0)
    .map((p) => ({ n: p.value, y: p.row.refused === undefined ? (p.row.relError ?? 0) : 0 }));
  const ns = nsOf(config);
  return (
    <section className="panel" aria-labelledby="param-heading">
      <h2 id="param-heading">Error against a variant’s own parameter</h2>
      <p className="muted">
        One variant at one n, its parameter stepped through powers of two; the other settings come
        from the controls above.
      </p>
      <div className="lab-param-controls">
        <label className="lab-field">
          <span>variant</span>
          <select
            value={sel.variant}
            onChange={(e) => setSel({ variant: e.target.value })}
            disabled={running}
          >
            {tunable(VARIANT_IDS).map((id) => (
              <option key={id} value={id}>
                {findSpec(id)?.label ?? id}
              </option>
            ))}
          </select>
        </label>
        <label className="lab-field">
          <span>parameter</span>
          <select
            value={sel.param}
            onChange={(e) => setSel({ param: e.target.value })}
            disabled={running}
          >
            {spec?.params.map((p) => (
              <option key={p.name} value={p.name}>
                {p.label}
              </option>
            ))}
          </select>
        </label>
        <label className="lab-field">
          <span>n</span>
          <select
            value={sel.n}
            onChange={(e) => setSel({ n: Number(e.target.value) })}
            disabled={running}
          >
            {[...new Set([...ns, sel.n])]
              .sort((a, b) => a - b)
              .map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
          </select>
        </label>
        <button
          type="button"
          className="button"
          onClick={() => runParams(values)}
          disabled={running || sweepRunning || values.length === 0 || phase === 'starting'}
        >
          Run parameter sweep
        </button>
      </div>
      <p className="muted">
        {param ? `${param.label}: ${param.description}. ` : ''}
        {values.length > 0
          ? `Values: ${values.join(', ')}.`
          : 'No value of this parameter can run at this n.'}
        {refused.length > 0
          ? ` Skipped: ${refused.map((r) => `${r.value} (${r.reason})`).join('; ')}.`
          : ''}
      </p>
      {running ? (
        <p role="status" data-testid="param-progress">
          {paramRun.progress
            ? `${sel.param} = ${paramRun.progress.value}, step ${paramRun.progress.step} of ${paramRun.progress.total}…`
            : 'Starting…'}
        </p>
      ) : null}
      {paramRun.status === 'failed' ? (
        <p className="problem" role="alert">
          The parameter sweep stopped: {paramRun.error}. The points measured before are kept.
        </p>
      ) : null}
      {paramRun.status === 'cancelled' ? (
        <p className="notice">Parameter sweep cancelled.</p>
      ) : null}
      {shown && points.length > 0 ? (
        <LineChart
          title={`${shownSpec?.label ?? shown.variant}: relative error against ${shownLabel} at n = ${formatN(shown.n)}`}
          xLabel={shownLabel ?? 'parameter'}
          yLabel="relative error"
          series={[
            {
              id: shown.variant,
              label: shownSpec?.label ?? shown.variant,
              color: variantColor(shown.variant),
              shape: variantShape(shown.variant),
              points,
            },
          ]}
          hidden={noHidden}
          onToggle={() => {}}
          formatX={(x) => String(Math.round(x))}
          formatY={formatError}
          height={260}
        />
      ) : !running && paramRun.status !== 'idle' ? (
        <p className="lab-empty">No point of this sweep has an error above zero to draw.</p>
      ) : paramRun.status === 'idle' ? (
        <p className="lab-empty">
          Choose a variant and a parameter, then press Run parameter sweep.
        </p>
      ) : null}
    </section>
  );
}
