import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resultSetOfText } from '../../features/complexity/resultFiles';
import { readModText } from '../../features/hardness/model/modFile';
import { FUZZ_SEED, fuzzRuns } from '../../testing/fuzzRuns';
import { decodeModel, ModelFormatError, parseModelIndex } from '../model/weights';
import { RESULT_LIMITS } from './sweepResult';

/**
 * Results, hardness (Mixture-of-Depths) and model files, each a shipped file with one part made
 * hostile (a wrong type, an out-of-range number, a huge string, a key removed, a row repeated),
 * through the same loaders the page uses. None may throw anything but the loader's own error;
 * a refusal names the field; an accepted file holds what the charts rely on.
 */

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
const shipped = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Json;

/** Every path into a JSON value (objects' keys and arrays' indices), at most `max` of them. */
function pathsOf(x: Json, max = 5000): (string | number)[][] {
  const out: (string | number)[][] = [];
  const walk = (v: Json, path: (string | number)[]) => {
    if (out.length >= max) return;
    out.push(path);
    if (Array.isArray(v)) {
      for (const [i, c] of v.slice(0, 40).entries()) walk(c, [...path, i]);
    } else if (v && typeof v === 'object')
      for (const [k, c] of Object.entries(v)) walk(c, [...path, k]);
  };
  walk(x, []);
  return out;
}

const HOSTILE: Json[] = [
  'x',
  '',
  'v'.repeat(100_000),
  true,
  false,
  null,
  {},
  { a: 1 },
  [],
  [1, 2],
  0,
  -1,
  -0.5,
  1e308,
  -1e308,
  2 ** 53,
  1e9,
  0.5,
  3.7,
];

type Mutation = { kind: string; at: number; value: number; raw: string };
const mutation = fc.record({
  kind: fc.constantFrom('set', 'delete', 'repeat', 'text-infinity', 'text-nan', 'truncate'),
  at: fc.nat(),
  value: fc.nat(),
  raw: fc.string({ maxLength: 8 }),
});

/** The file's text with one hostile change; `kind` says which (for the figures by kind). */
function mutate(base: Json, m: Mutation): string {
  const doc = structuredClone(base);
  const paths = pathsOf(doc).filter((p) => p.length > 0);
  const path = paths[m.at % paths.length];
  const parent = path.slice(0, -1).reduce<Json>((o, k) => (o as never)[k], doc) as never;
  const last = path[path.length - 1];
  const value = HOSTILE[m.value % HOSTILE.length];
  switch (m.kind) {
    case 'set':
      parent[last] = value as never;
      return JSON.stringify(doc);
    case 'delete':
      if (Array.isArray(parent)) (parent as Json[]).splice(Number(last), 1);
      else delete parent[last];
      return JSON.stringify(doc);
    case 'repeat':
      if (Array.isArray(parent)) (parent as Json[]).push(structuredClone(parent[last]));
      else parent[last] = [parent[last], parent[last]] as never;
      return JSON.stringify(doc);
    case 'text-infinity':
    case 'text-nan':
      // Numbers JSON.stringify cannot write: 1e999 parses to Infinity; NaN is not JSON at all.
      parent[last] = '@@' as never;
      return JSON.stringify(doc).replace('"@@"', m.kind === 'text-infinity' ? '1e999' : 'NaN');
    default: {
      const text = JSON.stringify(doc);
      return text.slice(0, m.at % text.length) + m.raw;
    }
  }
}

/** A refusal names the field ("rows[3].msMedian: …") or the whole file ("the file …"). */
const NAMES_FIELD = /^(the file\b|[A-Za-z_$][\w$]*(\[\d+\]|\.[\w$]+)*: )/;

const results = shipped('public/precomputed/complexity.json');
const mod = shipped('public/precomputed/mod.json');

/** What an accepted result file must hold for the charts and the table to draw it. */
function expectDrawable(out: Exclude<ReturnType<typeof resultSetOfText>, string>): void {
  const seen = new Set<string>();
  const variants = new Set<string>();
  for (const r of out.rows) {
    expect(Number.isSafeInteger(r.n) && r.n >= 1).toBe(true);
    expect(typeof r.variant === 'string' && r.variant.length <= RESULT_LIMITS.nameChars).toBe(true);
    const key = `${r.variant}@${r.n}`;
    expect(seen.has(key)).toBe(false);
    seen.add(key);
    variants.add(r.variant);
    if (r.refused !== undefined) {
      expect(typeof r.refused).toBe('string');
      continue;
    }
    for (const t of [r.msMin, r.msMedian, r.msMax]) expect(t > 0 && Number.isFinite(t)).toBe(true);
    expect(r.msMin <= r.msMedian && r.msMedian <= r.msMax).toBe(true);
    for (const e of [r.relError, r.maxAbsError]) {
      expect(e === null || (Number.isFinite(e) && e >= 0)).toBe(true);
    }
    expect(r.analyticBytes > 0 && r.analyticFlops > 0 && r.peakBytes >= 0).toBe(true);
  }
  expect(variants.size).toBeLessThanOrEqual(RESULT_LIMITS.variants);
  expect(out.config.heads >= 1 && out.config.heads <= 16).toBe(true);
  expect(Array.isArray(out.fits)).toBe(true);
  for (const f of out.fits) {
    expect(typeof f.variant).toBe('string');
    expect(f.slope === null || Number.isFinite(f.slope)).toBe(true);
  }
}

/** One result file's outcome: a field-naming refusal, or a file the charts can draw. */
function expectRefusedOrDrawable(text: string): void {
  const out = resultSetOfText(text);
  if (typeof out === 'string') {
    expect(out).toMatch(NAMES_FIELD);
    expect(out.length).toBeLessThan(400);
    return;
  }
  expectDrawable(out);
}

type Doc = { [k: string]: Json } & { rows: { [k: string]: Json }[]; fits: Json };

/**
 * The stress run's findings, tried on every run before the random cases: each once blanked the
 * page or passed silently. Each edits a copy of the shipped file.
 */
const KNOWN: [string, (d: Doc) => void][] = [
  [
    'relError as a string',
    (d) => {
      d.rows[0].relError = '0.1';
    },
  ],
  [
    'relError as an object',
    (d) => {
      d.rows[0].relError = { a: 1 };
    },
  ],
  [
    'relError as a boolean',
    (d) => {
      d.rows[0].relError = true;
    },
  ],
  [
    'refused as an object',
    (d) => {
      d.rows[0].refused = { a: 1 };
    },
  ],
  [
    'n as a float',
    (d) => {
      d.config = null; // else config.ns alone would refuse it
      d.rows[0].n = 64.5;
    },
  ],
  [
    'n zero',
    (d) => {
      d.config = null; // else config.ns alone would refuse it
      d.rows[0].n = 0;
    },
  ],
  [
    'n negative',
    (d) => {
      d.config = null; // else config.ns alone would refuse it
      d.rows[0].n = -64;
    },
  ],
  [
    'n beyond 2^31',
    (d) => {
      d.config = null; // else config.ns alone would refuse it
      d.rows[0].n = 2 ** 40;
    },
  ],
  [
    'msMedian zero',
    (d) => {
      d.rows[0].msMedian = 0;
    },
  ],
  [
    'msMin negative',
    (d) => {
      d.rows[0].msMin = -1;
    },
  ],
  [
    'msMin above msMax',
    (d) => {
      d.rows[0].msMin = Number(d.rows[0].msMax) * 2;
    },
  ],
  [
    'msMedian above msMax',
    (d) => {
      d.rows[0].msMedian = Number(d.rows[0].msMax) * 2;
    },
  ],
  [
    'fits as a string',
    (d) => {
      d.fits = 'x';
    },
  ],
  [
    'fits as an object',
    (d) => {
      d.fits = { a: 1 };
    },
  ],
  [
    'a fit with a string slope',
    (d) => {
      (d.fits as { slope: Json }[])[0].slope = 'x';
    },
  ],
  [
    'config.heads 1e9',
    (d) => {
      (d.config as { heads: Json }).heads = 1e9;
    },
  ],
  [
    'provenance.heads 1e9',
    (d) => {
      (d.provenance as { heads: Json }).heads = 1e9;
    },
  ],
  [
    'a duplicate row',
    (d) => {
      d.rows.push(structuredClone(d.rows[0]));
    },
  ],
  [
    'a 100 kB variant name',
    (d) => {
      d.rows[0].variant = 'v'.repeat(100_000);
    },
  ],
  [
    '65 distinct variants',
    (d) => {
      d.config = null;
      for (let i = 0; i < 65; i++) d.rows.push({ ...structuredClone(d.rows[0]), variant: `v${i}` });
    },
  ],
];
const NUMERIC_TEXT: [string, string][] = [
  ['n = 1e999', '"n":1e999'],
  ['msMax = 1e999', '"msMax":1e999'],
  ['relError = NaN', '"relError":NaN'],
];

describe('result files, fuzzed through the lab’s loader', () => {
  it.each(KNOWN)('known: %s', (_, edit) => {
    const doc = structuredClone(results) as Doc;
    edit(doc);
    expectRefusedOrDrawable(JSON.stringify(doc));
  });

  it.each(NUMERIC_TEXT)('known: %s in the text', (_, field) => {
    const key = field.slice(0, field.indexOf(':') + 1);
    const text = JSON.stringify({ ...(results as object), config: null }).replace(
      new RegExp(`${key}[^,}]+`),
      field,
    );
    expect(text).toContain(field);
    expectRefusedOrDrawable(text);
  });

  it('refuse with a field-naming message, or hold what the charts rely on', () => {
    fc.assert(
      fc.property(mutation, (m) => expectRefusedOrDrawable(mutate(results, m))),
      { seed: FUZZ_SEED, numRuns: fuzzRuns(150, 600) },
    );
  }, 60_000);
});

describe('Mixture-of-Depths files, fuzzed through the hardness lab’s loader', () => {
  it('refuse with a message or hold ordered, positive times', () => {
    fc.assert(
      fc.property(mutation, (m) => {
        const out = readModText(mutate(mod, m));
        if (typeof out === 'string') {
          expect(out.length).toBeGreaterThan(0);
          return;
        }
        for (const run of out.runs) {
          for (const p of run.points) {
            for (const t of [p.full, p.routedTime]) {
              expect(t.msMin > 0 && t.msMin <= t.msMedian && t.msMedian <= t.msMax).toBe(true);
              expect(Number.isFinite(t.msMax)).toBe(true);
            }
          }
        }
      }),
      { seed: FUZZ_SEED, numRuns: fuzzRuns(150, 600) },
    );
  }, 60_000);
});

describe('model files, fuzzed through the weights decoder and the index parser', () => {
  const manifest = shipped('public/models/pre.json');
  const bin = new Uint8Array(readFileSync('public/models/pre.bin'));
  const index = shipped('public/models/index.json');
  const onlyModelErrors = (f: () => unknown) => {
    try {
      f();
    } catch (err) {
      expect(err).toBeInstanceOf(ModelFormatError);
      expect((err as Error).message.length).toBeLessThan(400);
    }
  };

  it('throw only ModelFormatError for a hostile manifest, index or bin', () => {
    fc.assert(
      fc.property(mutation, fc.nat(), fc.integer({ min: 0, max: 255 }), (m, at, byte) => {
        let doc: unknown;
        try {
          doc = JSON.parse(mutate(manifest, m));
        } catch {
          return; // not JSON: the loader's JSON reader refuses it before decoding
        }
        onlyModelErrors(() => decodeModel(doc, bin));
        const flipped = bin.slice();
        flipped[at % flipped.length] ^= byte;
        onlyModelErrors(() => decodeModel(manifest, flipped));
        onlyModelErrors(() => decodeModel(manifest, bin.slice(0, at % bin.length)));
        let idx: unknown;
        try {
          idx = JSON.parse(mutate(index, m));
        } catch {
          return;
        }
        onlyModelErrors(() => parseModelIndex(idx));
      }),
      { seed: FUZZ_SEED, numRuns: fuzzRuns(60, 500) },
    );
  }, 60_000);
});
