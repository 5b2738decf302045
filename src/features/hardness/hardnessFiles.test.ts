import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { run } from '../../cli/testing';
import { rankLimit } from '../../worker/hardnessJobs';
import type { HardnessOutcome, ModPoint } from '../../worker/hardnessProtocol';
import { jsonText } from '../complexity/exportResults';
import { resultSetOf } from '../complexity/resultFiles';
import { hardnessFileName, onlyVariants, outcomeFile, shippedModFile } from './hardnessFiles';
import { DEFAULT_HARDNESS_CONFIG } from './model/config';
import { parseModFile } from './model/modFile';
import { boundedRequest, modRequest, rankRequest } from './model/requests';

/** The hardness lab's downloads: the CLI's files, read back by the panel's own checks. */

const page = {
  source: 'page',
  backend: 'webgpu',
  adapter: { vendor: 'google', architecture: 'swiftshader' },
  limits: { maxBufferSize: 2 ** 30 },
  tfjsVersion: '4.22.0',
  userAgent: 'TestBrowser/1',
  date: '2026-11-28T10:00:00.000Z',
};

const outcome = (o: Pick<HardnessOutcome, 'experiment' | 'result'>): HardnessOutcome => ({
  ...o,
  backend: 'webgpu',
  date: '2026-11-28T10:00:05.000Z',
  cancelled: false,
  tensors: { before: 3, after: 3 },
});

/** What the page's file reads as once downloaded. */
const written = (x: unknown) => JSON.parse(jsonText(x));

describe('file names', () => {
  const day = new Date('2026-11-28T12:00:00Z');
  it.each([
    ['boundedEntries', 'hardness-bounded-2026-11-28.json'],
    ['performer', 'hardness-performer-2026-11-28.json'],
    ['rankLimit', 'hardness-rank-2026-11-28.json'],
    ['mod', 'hardness-mod-2026-11-28.json'],
    ['flops', 'hardness-flops-2026-11-28.json'],
  ] as const)('%s → %s (the CLI subcommand)', (kind, name) => {
    expect(hardnessFileName(kind, day)).toBe(name);
  });
});

describe('bounded, performer, rank: the CLI file', () => {
  it('rank: the same fields as `cli hardness rank`, the same experiment and result', async () => {
    const r = await run(['hardness', 'rank']);
    expect(r.code).toBe(0);
    const cli = JSON.parse(r.stdout);
    const experiment = rankRequest(DEFAULT_HARDNESS_CONFIG);
    const file = written(
      outcomeFile(outcome({ experiment, result: rankLimit(experiment) }), page, 0.04),
    );
    expect(Object.keys(file)).toEqual(Object.keys(cli));
    expect(file.kind).toBe(cli.kind);
    expect(file.experiment).toEqual(cli.experiment);
    expect(file.result).toEqual(cli.result);
    // Provenance: where it ran (the worker's backend and date), the browser, the seconds.
    expect(file.provenance).toEqual({
      ...page,
      date: '2026-11-28T10:00:05.000Z',
      wallSeconds: 0,
    });
    for (const key of ['backend', 'adapter', 'tfjsVersion', 'date', 'wallSeconds']) {
      expect(Object.keys(cli.provenance)).toContain(key);
    }
  });

  it('a cancelled or failed job says so; its seconds are left out when unknown', () => {
    const experiment = boundedRequest(DEFAULT_HARDNESS_CONFIG);
    const base = outcome({ experiment, result: { kind: 'boundedEntries', points: [] } });
    const cancelled = outcomeFile({ ...base, cancelled: true, error: 'device lost' }, page, null);
    expect(cancelled.kind).toBe('boundedEntries');
    expect(cancelled.provenance).toMatchObject({ cancelled: true, error: 'device lost' });
    expect(cancelled.provenance).not.toHaveProperty('wallSeconds');
  });
});

describe('mod: a ModFile the panel reads back', () => {
  const t = (ms: number) => ({ msMedian: ms, msMin: ms * 0.9, msMax: ms * 1.1 });
  const point = (n: number): ModPoint => ({
    n,
    routed: n / 2,
    full: t(n * n * 1e-5),
    routedTime: t(n * n * 2.5e-6),
    fullFlops: 4 * n * n * 32,
    routedFlops: n * n * 32,
  });

  it('a live run: one run, the seconds, the page provenance; parseModFile accepts it', () => {
    const experiment = { ...modRequest(DEFAULT_HARDNESS_CONFIG), ns: [128, 256] };
    const out = outcome({ experiment, result: { kind: 'mod', points: [point(128), point(256)] } });
    const file = written(outcomeFile(out, page, 2.345));
    expect(Object.keys(file)).toEqual(['kind', 'runs', 'provenance']);
    expect(file.runs).toEqual([
      { experiment, points: out.result.kind === 'mod' ? out.result.points : [], seconds: 2.3 },
    ]);
    expect(file.provenance).toMatchObject({ source: 'page', backend: 'webgpu', wallSeconds: 2.3 });
    const parsed = parseModFile(file);
    if (typeof parsed === 'string') throw new Error(parsed);
    expect(parsed).toEqual(file);
  });

  it('the shipped run shown: that run, with the shipped provenance; parseModFile accepts it', () => {
    const shipped = parseModFile(JSON.parse(readFileSync('public/precomputed/mod.json', 'utf8')));
    if (typeof shipped === 'string') throw new Error(shipped);
    const run = shipped.runs[shipped.runs.length - 1];
    const file = written(shippedModFile(shipped, run));
    expect(file.runs).toEqual([run]);
    expect(file.provenance).toEqual(shipped.provenance);
    expect(parseModFile(file)).toEqual(file);
  });
});

describe('flops: the lab sweep file of the variants shown', () => {
  it('keeps only those variants, and reads back as a sweep', () => {
    const set = resultSetOf(JSON.parse(readFileSync('public/precomputed/complexity.json', 'utf8')));
    if (typeof set === 'string') throw new Error(set);
    const shown = onlyVariants(set, ['dense', 'flash', 'fused', 'taylor']);
    // taylor is not in the shipped run: only the shown variants the file has are kept.
    const kept = ['dense', 'flash', 'fused'];
    expect(shown.config.variants).toEqual(kept);
    expect(Object.keys(shown.config.params ?? {})).toEqual(kept);
    expect(new Set(shown.rows.map((r) => r.variant))).toEqual(new Set(kept));
    expect(shown.fits.map((f) => f.variant)).toEqual(kept);
    expect(shown.rows).toHaveLength(kept.length * set.config.ns.length);
    expect(shown.provenance).toBe(set.provenance);
  });
});
