import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ModPoint } from '../../../worker/hardnessProtocol';
import { madeOn, precomputedSource, smallSizeNote, summary } from '../modText';
import { modMarks } from '../timingMarks';
import { loadModFile, type ModFile, parseModFile, readModText, runFor } from './modFile';

/** The shipped Mixture-of-Depths file: its checks, and that it shows what the panel says. */

const t = (ms: number) => ({ msMedian: ms, msMin: ms * 0.9, msMax: ms * 1.1 });
const point = (n: number, c = 0.5): ModPoint => ({
  n,
  routed: Math.ceil(c * n),
  full: t(n * n),
  routedTime: t(c * c * n * n),
  fullFlops: 4 * n * n,
  routedFlops: 4 * c * c * n * n,
});
const good = (): ModFile => ({
  kind: 'mod',
  runs: [
    {
      experiment: { kind: 'mod', ns: [512, 1024], d: 32, capacity: 0.5, repeats: 3, seed: 1 },
      points: [point(512), point(1024)],
    },
  ],
  provenance: {
    backend: 'wasm',
    node: 'v20.0.0',
    cpu: 'Some CPU',
    cpuCount: 2,
    date: '2025-01-31T10:00:00Z',
  },
});

describe('parseModFile', () => {
  it('accepts a good file', () => {
    expect(parseModFile(good())).toEqual(good());
  });

  it.each([
    ['not an object', 3, /^\(the file\): expected a JSON object, got 3/],
    ['another kind', { ...good(), kind: 'sweep' }, /^kind: expected "mod" \(a Mixture-of-Depths/],
    ['no runs', { ...good(), runs: [] }, /^runs: expected at least one run/],
    ['no provenance', { ...good(), provenance: null }, /^provenance: expected an object/],
  ])('refuses %s', (_what, data, message) => {
    expect(parseModFile(data)).toMatch(message);
  });

  it.each([
    [
      'a bad capacity',
      (f: ModFile) => Object.assign(f.runs[0].experiment, { capacity: 3 }),
      /^runs\[0\]\.experiment\.capacity: expected/,
    ],
    [
      'one point',
      (f: ModFile) => f.runs[0].points.pop(),
      /^runs\[0\]\.points: expected at least two points, got a list of 1/,
    ],
    [
      'an S not asked for',
      (f: ModFile) => Object.assign(f.runs[0].points[1], { n: 2048 }),
      /^runs\[0\]\.points\[1\]\.n: expected one of the run's S \(512, 1024\), got 2048/,
    ],
    [
      'a NaN time',
      (f: ModFile) => Object.assign(f.runs[0].points[0].full, { msMedian: Number.NaN }),
      /^runs\[0\]\.points\[0\]\.full\.msMedian: expected a positive finite number, got NaN/,
    ],
    [
      'min above median',
      (f: ModFile) => Object.assign(f.runs[0].points[0].routedTime, { msMin: 1e9 }),
      /^runs\[0\]\.points\[0\]\.routedTime\.msMedian: expected msMin ≤ msMedian ≤ msMax/,
    ],
    [
      'no FLOPs',
      (f: ModFile) => Object.assign(f.runs[0].points[0], { routedFlops: 0 }),
      /^runs\[0\]\.points\[0\]\.routedFlops: expected a positive finite number, got 0/,
    ],
    [
      'C above S',
      (f: ModFile) => Object.assign(f.runs[0].points[0], { routed: 600 }),
      /^runs\[0\]\.points\[0\]\.routed: expected a routed count C ≤ S = 512, got 600/,
    ],
    [
      'a repeated S',
      (f: ModFile) => Object.assign(f.runs[0].points[1], { n: 512 }),
      /^runs\[0\]\.points\[1\]\.n: expected an S not already in the run, got 512/,
    ],
  ])('refuses a run with %s', (_what, spoil, message) => {
    const f = good();
    spoil(f);
    expect(parseModFile(f)).toMatch(message);
  });

  it('reads text, and says when it is not JSON', () => {
    expect(readModText('{')).toMatch(/^the file is not valid JSON/);
    expect(readModText('<!doctype html>')).toBe('the file is an HTML page, not JSON');
    expect(readModText(JSON.stringify(good()))).toEqual(good());
  });

  it('loading: a bad status or a bad file is an error with the reason', async () => {
    const answer =
      (body: string, status = 200) =>
      async () =>
        new Response(body, { status });
    await expect(loadModFile(answer('', 404))).rejects.toThrow(/HTTP 404/);
    await expect(loadModFile(answer('[]'))).rejects.toThrow(/precomputed\/mod.json: kind: missing/);
    await expect(loadModFile(answer(JSON.stringify(good())))).resolves.toEqual(good());
  });

  it('picks the run at the capacity asked for, else the first, and says so', () => {
    const f = good();
    expect(runFor(f, 0.25)).toBe(f.runs[0]);
    expect(precomputedSource(f, runFor(f, 0.25), 0.25)).toMatch(/holds capacities 50%, not 25%/);
    expect(precomputedSource(f, runFor(f, 0.5), 0.5)).toBe(
      'Pre-computed on wasm, Node v20.0.0, Some CPU (2 cores), 2025-01-31 (d = 32, capacity 50%, S = 512…1024, median of 3). Press Run live to measure on this device.',
    );
  });

  it('explains flat slopes only when a fit is far from 2', () => {
    const flat = modMarks(
      [128, 256, 512].map((n) => ({ ...point(n), full: t(n), routedTime: t(5) })),
      0.5,
    );
    expect(smallSizeNote(flat)).toMatch(/fixed per-call costs/);
    expect(summary(modMarks([point(512), point(1024)], 0.5))).toMatch(
      /^Fitted exponents over 2 S:/,
    );
    expect(smallSizeNote(modMarks([point(512), point(1024), point(2048)], 0.5))).toBeNull();
  });
});

describe('the shipped public/precomputed/mod.json', () => {
  const parsed = parseModFile(JSON.parse(readFileSync('public/precomputed/mod.json', 'utf8')));
  if (typeof parsed === 'string') throw new Error(`shipped file: ${parsed}`);
  const file = parsed;

  it('was measured in Node on wasm, with the command, and says so', () => {
    expect(file.provenance).toMatchObject({
      backend: 'wasm',
      command: expect.stringMatching(/^hardness mod/),
    });
    expect(madeOn(file.provenance)).toMatch(/^wasm, Node v\d+.*, \d{4}-\d\d-\d\d$/);
    expect(file.runs.map((r) => r.experiment.capacity)).toContain(0.5);
  });

  it.each(parsed.runs.map((r) => [r.experiment.capacity, r] as const))(
    'capacity %s: both lines quadratic, routed/full within 2× of (C/S)², as the panel says',
    (capacity, run) => {
      const m = modMarks(run.points, capacity);
      expect(m.exponents.full).toBeGreaterThanOrEqual(1.7);
      expect(m.exponents.routed).toBeGreaterThanOrEqual(1.7);
      expect(m.exponents.routedFlops).toBeCloseTo(2, 1);
      const r = m.ratioAtLargest;
      if (!r) throw new Error('no ratio');
      expect(r.n).toBe(Math.max(...run.experiment.ns));
      expect(r.theory).toBe(capacity * capacity);
      expect(r.measured / r.theory).toBeLessThan(2);
      expect(r.measured / r.theory).toBeGreaterThan(0.5);
      // The panel's sentences: the numbers above, and no "slope flattens" excuse.
      expect(summary(m)).toContain(
        `full ${m.exponents.full?.toFixed(2)}, routed ${m.exponents.routed?.toFixed(2)}`,
      );
      expect(smallSizeNote(m)).toBeNull();
    },
  );
});
