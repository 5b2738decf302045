import { useMemo, useState } from 'react';
import { Formula } from '../../shared/Formula';
import { TOY_SHARPNESS, TOY_TOKENS, toyAttention } from './toyAttention';

const f2 = (x: number) => (x < 0 ? `−${(-x).toFixed(2)}` : x.toFixed(2));
const vec = (xs: readonly number[]) => `(${xs.map(f2).join(', ')})`;

/**
 * Four tokens, their n × n scores and weights: every cell is a button; hovering, focusing or
 * tapping one explains how its number is made. A sharpness control scales the queries.
 */
export function ToyAttentionFigure() {
  const [sharp, setSharp] = useState(1);
  const [cell, setCell] = useState<[number, number]>([1, 2]);
  const toy = useMemo(() => toyAttention(sharp), [sharp]);
  const [i, j] = cell;
  const n = toy.n;
  const rowSum = toy.scores.slice(i * n, (i + 1) * n).reduce((a, s) => a + Math.exp(s), 0);
  const out = Array.from(toy.output.slice(i * toy.d, (i + 1) * toy.d));
  const grid = (which: 'scores' | 'weights') => (
    <table className="toy-grid" aria-label={which === 'scores' ? 'Scores S' : 'Weights P'}>
      <caption>
        {which === 'scores' ? (
          <>
            Scores <Formula tex="S = QK^\top/\sqrt{d}" alt="S equals Q K transpose over root d" />
          </>
        ) : (
          <>
            Weights <Formula tex="P = \operatorname{softmax}(S)" alt="P equals softmax of S" />, by
            row
          </>
        )}
      </caption>
      <thead>
        <tr>
          <th scope="col">
            <span className="visually-hidden">query \ key</span>
          </th>
          {TOY_TOKENS.map((t) => (
            <th key={t} scope="col">
              {t}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {TOY_TOKENS.map((qt, r) => (
          <tr key={qt}>
            <th scope="row">{qt}</th>
            {TOY_TOKENS.map((kt, c) => {
              const value = toy[which][r * n + c];
              const on = r === i && c === j;
              const level = which === 'weights' ? value : Math.min(1, Math.max(0, (value + 1) / 2));
              return (
                <td key={kt}>
                  <button
                    type="button"
                    className={on ? 'toy-cell on' : 'toy-cell'}
                    data-level={Math.round(level * 5)}
                    aria-pressed={on}
                    aria-label={`query ${qt}, key ${kt}: ${which === 'scores' ? 'score' : 'weight'} ${f2(value)}`}
                    onMouseEnter={() => setCell([r, c])}
                    onFocus={() => setCell([r, c])}
                    onClick={() => setCell([r, c])}
                  >
                    {f2(value)}
                  </button>
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
  return (
    <figure className="toy" aria-label="Attention on four tokens">
      <div className="toy-controls">
        <span id="toy-sharp-label">Sharpness of the queries:</span>{' '}
        {TOY_SHARPNESS.map((s) => (
          <button
            key={s}
            type="button"
            className={s === sharp ? 'button small primary' : 'button small'}
            aria-pressed={s === sharp}
            aria-describedby="toy-sharp-label"
            onClick={() => setSharp(s)}
          >
            ×{s}
          </button>
        ))}
      </div>
      <div className="toy-grids">
        {grid('scores')}
        {grid('weights')}
      </div>
      <div className="toy-explain" aria-live="polite" data-testid="toy-explain">
        <p>
          Query <strong>{TOY_TOKENS[i]}</strong> q = {vec(toy.q[i])}, key{' '}
          <strong>{TOY_TOKENS[j]}</strong> k = {vec(toy.k[j])}: score q·k/√{toy.d} ={' '}
          {f2(toy.scores[i * n + j])}.
        </p>
        <p>
          Weight e<sup>{f2(toy.scores[i * n + j])}</sup> / (sum of e<sup>score</sup> over the row ={' '}
          {f2(rowSum)}) = <strong>{f2(toy.weights[i * n + j])}</strong>; the row’s weights sum to 1.
        </p>
        <p>
          Output of <strong>{TOY_TOKENS[i]}</strong>: the weighted average of the value rows ={' '}
          {vec(out)}.
        </p>
      </div>
      <figcaption className="chart-note">
        Computed in float64 on this page. With n tokens the grids have n² cells: that is the cost
        the next step measures.
      </figcaption>
    </figure>
  );
}
