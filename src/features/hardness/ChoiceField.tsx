import { useHardnessStore } from './hardnessStore';
import { type ConfigKey, FIELDS, type HardnessConfig, showValue } from './model/config';

/** One control of the hardness lab, bound to the store: a select, or a checkbox for on/off. */
export function ChoiceField<K extends ConfigKey>({ name }: { name: K }) {
  const field = FIELDS[name];
  const value = useHardnessStore((s) => s.config[name]);
  const set = useHardnessStore((s) => s.set);
  const n = useHardnessStore((s) => s.config.rankN);
  const choices = field.choices as readonly HardnessConfig[K][];
  if (typeof value === 'boolean') {
    return (
      <label className="hx-field hx-check">
        <input
          type="checkbox"
          checked={value}
          onChange={(e) => set(name, e.target.checked as HardnessConfig[K])}
        />
        {field.label}
      </label>
    );
  }
  // The rank must stay below n: larger ranks are offered disabled.
  const disabled = (c: HardnessConfig[K]) => name === 'rankM' && (c as number) >= n;
  return (
    <label className="hx-field">
      {field.label}
      <select
        value={String(value)}
        onChange={(e) => {
          const picked = choices.find((c) => String(c) === e.target.value);
          if (picked !== undefined) set(name, picked);
        }}
      >
        {choices.map((c) => (
          <option key={String(c)} value={String(c)} disabled={disabled(c)}>
            {showValue(name, c)}
          </option>
        ))}
      </select>
    </label>
  );
}
