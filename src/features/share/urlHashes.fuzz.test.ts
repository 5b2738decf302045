import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isPow2 } from '../../core/pow2';
import { FUZZ_SEED, fuzzRuns } from '../../testing/fuzzRuns';
import {
  D_RANGE,
  DEFAULT_CONFIG,
  HEADS_RANGE,
  REPEATS_RANGE,
  SEED_RANGE,
} from '../complexity/model/labConfig';
import { hashParams, KNOWN_KEYS, parseLabHash } from '../complexity/model/labHash';
import { parseHardnessHash } from '../hardness/model/hardnessHash';
import { parseLayers } from '../layers/layersHash';

/**
 * URL hashes for every screen, valid, hostile and huge, through the parsers the page runs at
 * start: none may throw, every config that comes out is one the screens can draw, and a value
 * the lab refuses leaves its default with a notice.
 */

const KEYS = [
  ...KNOWN_KEYS,
  'p.flash.block',
  'p.window.w',
  'h.panel',
  'h.B',
  'h.n',
  'l.model',
  'l.variant',
  'l.tokens',
  'l.layer',
  'l.head',
  'l.p.w',
  'step',
  '__proto__',
  'constructor',
];
const VALUES = [
  'lab',
  'layers',
  'hardness',
  'story',
  'status',
  'dense,flash',
  'dense',
  '64',
  '64,1024',
  '16',
  '0',
  '-1',
  '1e999',
  'NaN',
  'Infinity',
  '3.5',
  '99999999999',
  'true',
  'false',
  '',
  ' ',
  '%',
  '%E0%A4%A',
  '<script>alert(1)</script>',
  'pre',
  'gaussian',
  'time',
  '"',
];

const value = fc.oneof(
  fc.constantFrom(...VALUES),
  fc.string({ maxLength: 20 }),
  fc.double().map(String),
  fc.integer().map(String),
  fc
    .array(fc.constantFrom('16', '64', '1024', '7', 'x'), { maxLength: 40 })
    .map((a) => a.join(',')),
  // The long ones: a 100 kB value.
  fc.integer({ min: 1000, max: 100_000 }).map((k) => 'x'.repeat(k)),
);
const key = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...KEYS) },
  fc.string({ maxLength: 12 }),
);
const encode = (s: string, raw: boolean) => (raw ? s : encodeURIComponent(s));
const hash = fc
  .tuple(fc.array(fc.tuple(key, value, fc.boolean()), { maxLength: 12 }), fc.boolean())
  .map(
    ([pairs, bare]) =>
      `${bare ? '' : '#'}${pairs.map(([k, v, raw]) => `${encode(k, raw)}=${encode(v, raw)}`).join('&')}`,
  );

const within = (x: number, [lo, hi]: readonly [number, number]) =>
  Number.isInteger(x) && x >= lo && x <= hi;

describe('URL hashes, fuzzed', () => {
  it('never throw, give drawable configs, and a notice with the default for refused values', () => {
    fc.assert(
      fc.property(hash, (h) => {
        const lab = parseLabHash(h);
        const c = lab.config;
        expect(c.variants.length).toBeGreaterThan(0);
        expect(isPow2(c.nMin) && isPow2(c.nMax) && c.nMin <= c.nMax).toBe(true);
        expect(within(c.d, D_RANGE)).toBe(true);
        expect(within(c.heads, HEADS_RANGE)).toBe(true);
        expect(within(c.repeats, REPEATS_RANGE)).toBe(true);
        expect(within(c.seed, SEED_RANGE)).toBe(true);
        for (const n of lab.notices) expect(n.length).toBeLessThan(400);
        // A d the lab refuses is a notice and the default.
        const d = hashParams(h).get('d');
        if (d !== null && !within(Number(d.trim() === '' ? Number.NaN : d), D_RANGE)) {
          expect(c.d).toBe(DEFAULT_CONFIG.d);
          expect(lab.notices.some((n) => n.includes('d='))).toBe(true);
        }
        const params = hashParams(h);
        const hard = parseHardnessHash(params);
        expect(hard.config).toBeTypeOf('object');
        const layers = parseLayers(params, null);
        expect(Number.isInteger(layers.config.layer ?? 0)).toBe(true);
        for (const n of [...hard.notices, ...layers.notices]) expect(n.length).toBeLessThan(400);
      }),
      { seed: FUZZ_SEED, numRuns: fuzzRuns(150, 1000) },
    );
  }, 60_000);
});
