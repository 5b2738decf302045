import { useMemo } from 'react';
import type { ForwardTrace } from '../../core/model/trace';
import { predictionRows, predictionSummary } from './predictionRows';

const pct = (p: number) => `${(100 * p).toFixed(p >= 0.995 || p < 0.1 ? 1 : 0)}%`;

/**
 * The model's next-token guess at every position: token, top-1 and its probability; on the
 * positions the copy task scores, the expected token and right or wrong.
 */
export function Predictions({ trace }: { trace: ForwardTrace }) {
  const rows = useMemo(() => predictionRows(trace), [trace]);
  const { right, scored } = predictionSummary(rows);
  return (
    <div className="predictions">
      <p data-testid="prediction-summary">
        {scored > 0 ? (
          <>
            <strong>
              {right} of {scored}
            </strong>{' '}
            scored positions predicted right with this variant.
          </>
        ) : (
          'No position is scored: this is not a copy-task sequence.'
        )}
      </p>
      <ol className="prediction-strip" aria-label="Next-token predictions">
        {rows.map((r) => {
          const kind = r.correct === null ? 'unscored' : r.correct ? 'right' : 'wrong';
          const said = `position ${r.position}, token ${r.token}: predicts ${r.top} (${pct(r.p)})${
            r.expected === null ? '' : `, expected ${r.expected}, ${r.correct ? 'right' : 'wrong'}`
          }`;
          return (
            <li key={r.position} className={`prediction ${kind}`} aria-label={said} title={said}>
              <span className="prediction-token">{r.token}</span>
              <span className="prediction-guess">{r.top}</span>
              <span className="prediction-p">{pct(r.p)}</span>
              <span className="prediction-mark" aria-hidden="true">
                {kind === 'right' ? '✓' : kind === 'wrong' ? `✗ ${r.expected}` : ''}
              </span>
            </li>
          );
        })}
      </ol>
      <p className="chart-note">
        Each cell: the input token, below it the model's top guess for the next token and its
        probability. Scored positions are marked ✓ (right) or ✗ with the expected token.
      </p>
    </div>
  );
}
