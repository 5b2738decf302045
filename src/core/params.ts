/** A variant's tunable parameter, described once and used by the engine, the CLI and the UI. */
export interface ParamSpec {
  name: string;
  label: string;
  default: number;
  min: number;
  max: number;
  integer: boolean;
  description: string;
}

export type ParamValues = Record<string, number>;

/**
 * Merge user-given values over the defaults, checking names, types and ranges.
 * Returns the effective values, or throws an Error whose message names the problem.
 */
export function resolveParams(
  variantId: string,
  specs: readonly ParamSpec[],
  given: Readonly<Record<string, number>> = {},
): ParamValues {
  const known = new Set(specs.map((s) => s.name));
  for (const name of Object.keys(given)) {
    if (!known.has(name)) {
      const list = specs.length ? specs.map((s) => s.name).join(', ') : 'none';
      throw new Error(`unknown parameter "${name}" for ${variantId} (its parameters: ${list})`);
    }
  }
  const values: ParamValues = {};
  for (const spec of specs) {
    const value = given[spec.name] ?? spec.default;
    if (!Number.isFinite(value)) {
      throw new Error(`parameter ${spec.name} of ${variantId} must be a finite number`);
    }
    if (spec.integer && !Number.isInteger(value)) {
      throw new Error(`parameter ${spec.name} of ${variantId} must be an integer, got ${value}`);
    }
    if (value < spec.min || value > spec.max) {
      throw new Error(
        `parameter ${spec.name} of ${variantId} must be in [${spec.min}, ${spec.max}], got ${value}`,
      );
    }
    values[spec.name] = value;
  }
  return values;
}
