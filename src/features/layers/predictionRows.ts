import { taskPositions, tokenChar } from '../../core/model/task';
import type { ForwardTrace } from '../../core/model/trace';

/**
 * The model's next-token predictions as table rows: at each position the input token, the
 * top-1 guess and its probability, and on the positions the copy task scores the expected
 * token and whether the guess was right.
 */

export interface PredictionRow {
  position: number;
  token: string;
  top: string;
  p: number;
  /** Runner-up, for a sense of the model's doubt. */
  second: { token: string; p: number } | null;
  expected: string | null;
  correct: boolean | null;
}

export function predictionRows(trace: ForwardTrace): PredictionRow[] {
  const scored = new Set(taskPositions(trace.tokens));
  return trace.tokens.map((tok, i) => {
    const [first, second] = trace.predictions[i]?.top ?? [];
    const expected = scored.has(i) ? trace.tokens[i + 1] : null;
    return {
      position: i,
      token: tokenChar(tok),
      top: first ? tokenChar(first.token) : '?',
      p: first?.p ?? 0,
      second: second ? { token: tokenChar(second.token), p: second.p } : null,
      expected: expected === null ? null : tokenChar(expected),
      correct: expected === null ? null : first?.token === expected,
    };
  });
}

export function predictionSummary(rows: readonly PredictionRow[]): {
  right: number;
  scored: number;
} {
  const scored = rows.filter((r) => r.correct !== null);
  return { right: scored.filter((r) => r.correct).length, scored: scored.length };
}
