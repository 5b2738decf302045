import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ResultSet } from './precomputed';
import { resultSetOf } from './resultFiles';
import {
  decodeResults,
  encodeResults,
  LINK_LIMIT_CHARS,
  packResults,
  roundMs,
  unpackResults,
} from './resultsLink';

const shipped = (): ResultSet => {
  const set = resultSetOf(JSON.parse(readFileSync('public/precomputed/complexity.json', 'utf8')));
  if (typeof set === 'string') throw new Error(set);
  return set;
};

/** A typical 4-variant sweep, n = 64 … 2048 (the shipped run's points). */
function fourVariants(): ResultSet {
  const set = shipped();
  const keep = ['dense', 'flash', 'performer', 'linear'];
  const rows = set.rows.filter((r) => keep.includes(r.variant) && r.n <= 2048);
  return {
    ...set,
    config: { ...set.config, variants: keep, ns: [64, 128, 256, 512, 1024, 2048] },
    rows,
    fits: set.fits.filter((f) => keep.includes(f.variant)),
  };
}

const asText = (s: string) => Buffer.from(s).toString('base64url');
async function deflated(text: string): Promise<string> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('deflate'));
  return Buffer.from(await new Response(stream).arrayBuffer()).toString('base64url');
}

describe('results in a link', () => {
  it('round-trips rows, fits and provenance; times as the table shows them (3 decimals)', async () => {
    const set = fourVariants();
    const back = await decodeResults(await encodeResults(set));
    if (typeof back === 'string') throw new Error(back);
    expect(back.provenance).toEqual(set.provenance);
    expect(back.config).toEqual(set.config);
    expect(back.rows.length).toBe(set.rows.length);
    for (const [i, r] of set.rows.entries()) {
      const b = back.rows[i];
      expect(b.variant).toBe(r.variant);
      expect(b.n).toBe(r.n);
      if (r.refused !== undefined || b.refused !== undefined) {
        expect(b.refused).toBe(r.refused);
        continue;
      }
      // What the table prints (toFixed(3), toExponential(3), integers) is unchanged.
      expect(b.msMedian.toFixed(3)).toBe(r.msMedian.toFixed(3));
      expect(b.msMin.toFixed(3)).toBe(r.msMin.toFixed(3));
      expect(b.msMax.toFixed(3)).toBe(r.msMax.toFixed(3));
      expect(b.peakBytes).toBe(r.peakBytes);
      expect(b.analyticFlops).toBe(r.analyticFlops);
      expect(b.relError?.toExponential(3)).toBe(r.relError?.toExponential(3));
      expect(b.msAll).toEqual([]);
    }
    for (const [i, f] of set.fits.entries()) {
      expect(back.fits[i].variant).toBe(f.variant);
      expect(back.fits[i].slope).toBeCloseTo(f.slope ?? Number.NaN, 3);
    }
  });

  it('fits a 4-variant sweep to n = 2048 in well under the link limit', async () => {
    const value = await encodeResults(fourVariants());
    // The rest of a link (origin, path, settings) is under 400 characters.
    expect(value.length + 400).toBeLessThan(LINK_LIMIT_CHARS);
    expect(value.length).toBeLessThan(4000);
  });

  it('never rounds a time to 0 and keeps min ≤ median ≤ max', () => {
    expect(roundMs(0.0004321)).toBe(0.0004321);
    expect(roundMs(12.34567)).toBe(12.346);
    const packed = packResults(fourVariants()) as { rows: unknown[][] };
    for (const row of packed.rows) {
      if (row.length === 3) continue;
      const [, , med, min, max] = row as number[];
      expect(min).toBeLessThanOrEqual(med);
      expect(med).toBeLessThanOrEqual(max);
    }
  });

  it('refuses hostile or corrupt values with a reason, never a throw', async () => {
    const cases: [string, RegExp][] = [
      ['', /base64url/],
      ['not base64!', /base64url/],
      ['a', /base64url/],
      [asText('plain text, not deflate'), /deflate/],
      [(await deflated('{"v":1,')).slice(0, 10), /deflate|JSON/],
      [await deflated('{"v":1,'), /JSON/],
      [await deflated('[1,2,3]'), /not a results object/],
      [await deflated('{"v":2}'), /another version/],
      [await deflated('{"v":1,"rows":[],"provenance":{}}'), /rows/],
      [
        await deflated(
          '{"v":1,"rows":[["dense",64,1,1,1,1,1,1,0,0,"dense",null]],"provenance":{"backend":"<img src=x onerror=alert(1)>"}}',
        ),
        /^ok$/,
      ],
      [
        await deflated('{"v":1,"rows":[["evil",64,1,1,1,1,1,1,0,0,"dense",null]],"provenance":{}}'),
        /variant this app does not have/,
      ],
      [
        await deflated(
          '{"v":1,"rows":[["dense",64,"1e999",1,1,1,1,1,0,0,"dense",null]],"provenance":{}}',
        ),
        /msMedian/,
      ],
      [
        await deflated(
          '{"v":1,"rows":[["dense",64,5,1,2,1,1,1,0,0,"dense",null]],"provenance":{}}',
        ),
        /msMin ≤ msMedian ≤ msMax/,
      ],
      ['A'.repeat(70_000), /characters long/],
    ];
    for (const [value, why] of cases) {
      const out = await decodeResults(value);
      if (why.source === '^ok$') {
        expect(typeof out).toBe('object');
        continue;
      }
      expect(typeof out, value.slice(0, 30)).toBe('string');
      expect(out as string).toMatch(why);
    }
  });

  it('stops inflating a small value that would expand past 1 MiB (a deflate bomb)', async () => {
    const bomb = await deflated(`{"v":1,"pad":"${'x'.repeat(3_000_000)}"}`);
    expect(bomb.length).toBeLessThan(8000);
    expect(await decodeResults(bomb)).toMatch(/inflates to more than 1024 KiB/);
  });

  it('unpacks only the packed shape', () => {
    expect(unpackResults(null)).toMatch(/not a results object/);
    expect(unpackResults({ v: 1, rows: 'x', provenance: {} })).toMatch(/rows/);
  });
});
