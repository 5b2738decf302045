import { describe, expect, it } from 'vitest';
import { buildJson } from './exportResults';
import { useLabFiles } from './labFiles';
import { useLabStore } from './labStore';

const row = {
  variant: 'dense',
  n: 64,
  msMedian: 2,
  msMin: 1,
  msMax: 3,
  msAll: [1, 2, 3],
  peakBytes: 100,
  analyticBytes: 200,
  analyticFlops: 3e9,
  relError: 0,
  maxAbsError: 0,
  errorReference: 'dense' as const,
};
const doc = buildJson({
  config: null,
  rows: [row],
  fits: [],
  provenance: { backend: 'wasm', cpu: 'Test CPU', date: '2025-01-31T00:00:00Z' },
});
const file = (name: string, text: string) => new File([text], name, { type: 'application/json' });

describe('opening result files', () => {
  it('shows a valid file as the run, source "file"', async () => {
    await useLabFiles.getState().open(file('a.json', doc));
    const run = useLabStore.getState().run;
    expect(run.source).toBe('file');
    expect(run.rows).toEqual([row]);
    expect(run.config?.variants).toEqual(['dense']);
    expect(useLabFiles.getState()).toMatchObject({ error: null, shown: { name: 'a.json' } });
  });

  it('keeps what is shown when a file cannot be read, and says why', async () => {
    const before = useLabStore.getState().run;
    await useLabFiles.getState().open(file('bad.json', '{"rows": 3}'));
    expect(useLabStore.getState().run).toBe(before);
    expect(useLabFiles.getState().error).toBe(
      'bad.json cannot be shown: rows: expected a list, got 3',
    );
  });

  it('keeps a compared file beside the run until cleared', async () => {
    await useLabFiles.getState().openCompare(file('b.json', doc));
    expect(useLabFiles.getState().compare?.name).toBe('b.json');
    expect(useLabFiles.getState().error).toBeNull();
    useLabFiles.getState().clearCompare();
    expect(useLabFiles.getState().compare).toBeNull();
  });
});
