import { useId } from 'react';
import { CONTEXT } from '../../core/model/task';
import { checkSequence, markUnknown, VOCAB_TEXT } from './inputCheck';
import { MAX_TEXT_CHARS } from './layersConfig';
import { useLayersStore } from './layersStore';
import { modelOf } from './runPlan';

/** Examples to pick from: copy-task sequences short and long, and two that break its rules. */
const EXAMPLES = [
  { text: 'FLAMINGO|FLAMINGO', note: 'copy task, 8 letters' },
  { text: 'CAFE|CAFE', note: 'copy task, 4 letters' },
  { text: 'ABCDEFGHIJKLMNO|ABCDEFGHIJKLMNO', note: 'copy task, 15 letters (31 tokens)' },
  { text: 'BLOCK|BLOCK|BLOCK', note: 'two copies: not scored' },
  { text: 'ABBA|ABBA', note: 'repeated letters: not scored' },
];

/**
 * The input sequence: typed, picked from the examples or drawn ("New sequence", seeded,
 * held-out). Unknown characters are flagged inline (which and where) and nothing runs;
 * a sequence longer than the context is refused with the limit.
 */
export function SequenceInput() {
  const text = useLayersStore((s) => s.config.text);
  const config = useLayersStore((s) => s.config);
  const models = useLayersStore((s) => s.models.list);
  const setConfig = useLayersStore((s) => s.setConfig);
  const newSequence = useLayersStore((s) => s.newSequence);
  const context = modelOf(config, models)?.config.context ?? CONTEXT;
  const check = checkSequence(text, context);
  const id = useId();
  const picked = EXAMPLES.some((e) => e.text === text) ? text : '';
  return (
    <fieldset className="layers-fieldset layers-sequence">
      <legend>Input sequence</legend>
      <div className="layers-fieldset-body">
        <div className="layers-sequence-row">
          <label className="lab-field layers-text">
            <span>letters {VOCAB_TEXT}; the model predicts each next token</span>
            <input
              type="text"
              value={text}
              spellCheck={false}
              autoComplete="off"
              autoCapitalize="characters"
              maxLength={MAX_TEXT_CHARS}
              aria-invalid={check.problem !== null}
              aria-describedby={`${id}-check`}
              onChange={(e) => setConfig({ text: e.target.value })}
              data-testid="sequence-input"
            />
          </label>
          <button type="button" className="button" onClick={newSequence}>
            New sequence
          </button>
          <label className="lab-field">
            <span>examples</span>
            <select
              value={picked}
              onChange={(e) => e.target.value && setConfig({ text: e.target.value })}
            >
              <option value="">pick one…</option>
              {EXAMPLES.map((e) => (
                <option key={e.text} value={e.text}>
                  {e.text} ({e.note})
                </option>
              ))}
            </select>
          </label>
        </div>
        <div id={`${id}-check`} className="layers-sequence-check" aria-live="polite">
          {check.unknown.length > 0 ? (
            <p className="layers-marked" data-testid="unknown-chars">
              {markUnknown(text, check.unknown).map((run, i) =>
                run.bad ? (
                  // biome-ignore lint/suspicious/noArrayIndexKey: runs have no other identity
                  <mark key={i} className="bad-char">
                    {run.text}
                  </mark>
                ) : (
                  // biome-ignore lint/suspicious/noArrayIndexKey: runs have no other identity
                  <span key={i}>{run.text}</span>
                ),
              )}
            </p>
          ) : null}
          {check.problem ? (
            <p className="notice warn" role="note" data-testid="sequence-problem">
              <strong>Not run:</strong> {check.problem}
            </p>
          ) : (
            <p className="muted layers-hint">
              {check.tokens.length} of {context} tokens.{' '}
              {check.scored.length > 0
                ? `A copy-task sequence: the ${check.scored.length} predictions from the separator on are scored.`
                : 'Not a copy-task sequence (distinct letters, "|", the same letters): predictions are shown, none is scored.'}
            </p>
          )}
        </div>
      </div>
    </fieldset>
  );
}
