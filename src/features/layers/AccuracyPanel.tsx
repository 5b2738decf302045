import { findSpec } from '../../core/variantSpecs';
import { ACCURACY_SEQUENCES } from './layersConfig';
import { useLayersStore } from './layersStore';
import { formatPercent } from './modelText';

/** A drop larger than this (absolute) counts as breaking the task. */
const BREAKS = 0.1;

/**
 * Accuracy on a batch of held-out copy-task sequences with exact softmax and with the chosen
 * variant, so the reader sees when an approximation breaks the task.
 */
export function AccuracyPanel() {
  const acc = useLayersStore((s) => s.accuracy);
  const r = acc.result;
  const label = r ? (findSpec(r.variant)?.label ?? r.variant) : '';
  const verdict = (() => {
    if (!r) return null;
    if (r.variant === 'dense' || findSpec(r.variant)?.exact)
      return `${label} is exact: both numbers agree up to rounding.`;
    const drop = r.exactAccuracy - r.variantAccuracy;
    return drop > BREAKS
      ? `${label} breaks the task: accuracy falls by ${formatPercent(drop)}.`
      : `${label} keeps the task (within ${formatPercent(BREAKS)} of softmax).`;
  })();
  return (
    <section
      className="panel"
      aria-labelledby="accuracy-heading"
      aria-busy={acc.status === 'running'}
    >
      <h2 id="accuracy-heading">Accuracy on the task</h2>
      <p className="muted">
        {ACCURACY_SEQUENCES} held-out copy-task sequences (never seen in training), scored on every
        position of the second copy.
      </p>
      {acc.status === 'running' ? (
        <p className="loading" role="status">
          <span className="layers-spinner" aria-hidden="true" /> Scoring {ACCURACY_SEQUENCES}{' '}
          sequences…
        </p>
      ) : null}
      {acc.status === 'idle' ? (
        <p className="loading">Scored after the forward pass above.</p>
      ) : null}
      {acc.status === 'refused' ? <p className="muted">Not run: {acc.error}</p> : null}
      {acc.status === 'failed' ? (
        <p className="notice error" role="alert">
          <strong>Scoring failed:</strong> {acc.error}
        </p>
      ) : null}
      {r ? (
        <div
          className={acc.status === 'done' ? 'accuracy' : 'accuracy stale'}
          data-testid="accuracy"
        >
          {[
            ['exact softmax', r.exactAccuracy],
            [label, r.variantAccuracy],
          ].map(([name, value]) => (
            <div key={String(name)} className="accuracy-row">
              <span className="accuracy-name">{name}</span>
              <svg
                className="accuracy-bar"
                viewBox="0 0 100 10"
                preserveAspectRatio="none"
                aria-hidden="true"
              >
                <rect width={100} height={10} className="accuracy-track" />
                <rect width={100 * Number(value)} height={10} className="accuracy-fill" />
              </svg>
              <strong className="accuracy-value">{formatPercent(Number(value))}</strong>
            </div>
          ))}
          {acc.status === 'done' ? <p className="accuracy-verdict">{verdict}</p> : null}
        </div>
      ) : null}
    </section>
  );
}
