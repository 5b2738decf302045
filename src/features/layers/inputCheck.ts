import { LETTERS, SEP_CHAR, taskPositions, tokenize } from '../../core/model/task';

/**
 * The typed sequence, checked before anything runs: characters outside the vocabulary (which
 * and where), an empty input, or more tokens than the model's context (the limit stated).
 */

export interface SequenceCheck {
  tokens: number[];
  /** Characters not in A–P or "|", with their index in the text (spaces are ignored). */
  unknown: { char: string; position: number }[];
  /** Why the sequence cannot run, or null. */
  problem: string | null;
  /** Positions the copy task scores (empty when the text is not a copy-task sequence). */
  scored: number[];
}

export const VOCAB_TEXT = `${LETTERS[0]}–${LETTERS.at(-1)} and "${SEP_CHAR}"`;

const quoted = (c: string) => (c === '"' ? "'\"'" : `"${c}"`);

export function checkSequence(text: string, context: number): SequenceCheck {
  const { tokens, unknown } = tokenize(text);
  let problem: string | null = null;
  if (unknown.length > 0) {
    const list = unknown
      .slice(0, 6)
      .map((u) => `${quoted(u.char)} at ${u.position + 1}`)
      .join(', ');
    const more = unknown.length > 6 ? ` and ${unknown.length - 6} more` : '';
    const n = unknown.length;
    problem = `${n} character${n === 1 ? ' is' : 's are'} not in the vocabulary (${VOCAB_TEXT}): ${list}${more}.`;
  } else if (tokens.length === 0) {
    problem = `Type a sequence of letters ${VOCAB_TEXT}, e.g. CAFE|CAFE.`;
  } else if (tokens.length > context) {
    problem = `${tokens.length} tokens: longer than the model's context of ${context} tokens.`;
  }
  return { tokens, unknown, problem, scored: problem ? [] : taskPositions(tokens) };
}

/** The text split into runs for display, unknown characters marked (rendered as React text). */
export function markUnknown(
  text: string,
  unknown: readonly { position: number }[],
): { text: string; bad: boolean }[] {
  const bad = new Set(unknown.map((u) => u.position));
  const runs: { text: string; bad: boolean }[] = [];
  for (let i = 0; i < text.length; i++) {
    const b = bad.has(i);
    const last = runs.at(-1);
    if (last && last.bad === b) last.text += text[i];
    else runs.push({ text: text[i], bad: b });
  }
  return runs;
}
