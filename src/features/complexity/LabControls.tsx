import { INPUT_KIND_INFO, type InputKind } from '../../core/inputs';
import { findSpec } from '../../core/variantSpecs';
import { useEngineStore } from '../../session/engineStore';
import { useLabStore } from './labStore';
import {
  D_RANGE,
  HEADS_RANGE,
  INPUT_KINDS,
  N_CHOICES,
  N_SMALL,
  nsOf,
  REPEATS_RANGE,
  refusals,
} from './model/labConfig';
import { OwnInputsControl } from './OwnInputsControl';
import { inputText } from './ownInputs';
import { VariantPicker } from './VariantPicker';

function IntInput(props: {
  label: string;
  value: number;
  range: readonly [number, number];
  onChange: (v: number) => void;
  /** Fixed by the loaded file: shown, not editable. */
  fixed?: boolean;
}) {
  const [lo, hi] = props.range;
  return (
    <label className="lab-field">
      <span>{props.label}</span>
      <input
        type="number"
        min={lo}
        max={hi}
        step={1}
        value={props.value}
        readOnly={props.fixed}
        aria-readonly={props.fixed}
        title={props.fixed ? 'fixed by your file' : undefined}
        onChange={(e) => {
          const v = Math.round(e.target.valueAsNumber);
          if (Number.isFinite(v)) props.onChange(Math.min(hi, Math.max(lo, v)));
        }}
      />
    </label>
  );
}

function NSelect(props: {
  label: string;
  value: number;
  options: number[];
  onChange: (n: number) => void;
}) {
  return (
    <label className="lab-field">
      <span>{props.label}</span>
      <select value={props.value} onChange={(e) => props.onChange(Number(e.target.value))}>
        {props.options.map((n) => (
          <option key={n} value={n}>
            {n}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Every control of a sweep, and the points that will be refused (with why) before it runs. */
export function LabControls({ disabled }: { disabled: boolean }) {
  const config = useLabStore((s) => s.config);
  const setConfig = useLabStore((s) => s.setConfig);
  const limits = useEngineStore((s) => s.engine.report?.limits ?? null);
  const backend = useEngineStore((s) => s.engine.report?.name);
  const own = useLabStore((s) => s.own.input);
  const nAll = [...(config.nMin < N_CHOICES[0] ? N_SMALL : []), ...N_CHOICES];
  // With a file, n goes up to the file's n (each n measures a prefix of its rows).
  const nOptions = own ? nAll.filter((n) => n <= own.inputs.q.n) : nAll;
  const refused = refusals(config, limits, backend);
  const ns = nsOf(config);
  const points = config.variants.length * ns.length;
  return (
    <div className="lab-controls">
      <VariantPicker config={config} disabled={disabled} />
      <fieldset className="lab-shape" disabled={disabled}>
        <legend>Sizes and inputs</legend>
        <NSelect
          label="smallest n"
          value={config.nMin}
          options={nOptions}
          onChange={(nMin) => setConfig({ nMin })}
        />
        <NSelect
          label="largest n"
          value={config.nMax}
          options={nOptions}
          onChange={(nMax) => setConfig({ nMax })}
        />
        <IntInput
          label="d (head width)"
          value={config.d}
          range={D_RANGE}
          fixed={own !== null}
          onChange={(d) => own === null && setConfig({ d })}
        />
        <IntInput
          label="heads"
          value={config.heads}
          range={HEADS_RANGE}
          fixed={own !== null}
          onChange={(heads) => own === null && setConfig({ heads })}
        />
        <IntInput
          label="repeats"
          value={config.repeats}
          range={REPEATS_RANGE}
          onChange={(repeats) => setConfig({ repeats })}
        />
        {own ? null : (
          <label className="lab-field">
            <span>input kind</span>
            <select
              value={config.inputKind}
              onChange={(e) => setConfig({ inputKind: e.target.value as InputKind })}
              title={INPUT_KIND_INFO[config.inputKind]}
            >
              {INPUT_KINDS.map((k) => (
                <option key={k} value={k}>
                  {k}
                </option>
              ))}
            </select>
          </label>
        )}
        <OwnInputsControl />
        <label className="lab-field lab-check">
          <input
            type="checkbox"
            checked={config.causal}
            onChange={(e) => setConfig({ causal: e.target.checked })}
          />
          <span>causal</span>
        </label>
      </fieldset>
      <p className="lab-plan muted">
        {ns.length > 0
          ? `n = ${ns.join(', ')}: ${points} point${points === 1 ? '' : 's'}, ${config.repeats} timed repeats each after a warm-up run. `
          : ''}
        {own ? `Input: your file ${inputText(own)}.` : INPUT_KIND_INFO[config.inputKind]}
      </p>
      {refused.length > 0 ? (
        <div className="notice warn lab-refused" data-testid="refused-points">
          <p>
            {refused.length} of {points} points will be skipped, not attempted:
          </p>
          <ul>
            {refused.map((r) => (
              <li key={`${r.variant}@${r.n}`}>
                <strong>{findSpec(r.variant)?.label ?? r.variant}</strong>, n = {r.n}: {r.reason}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
