import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  FAILS_ERROR,
  FAILS_INPUT,
  GOOD_ERROR,
  parseTradeoffs,
  type TradeoffFile,
  verdicts,
  WORKS_INPUT,
} from './tradeoffs';

const shipped = parseTradeoffs(
  JSON.parse(readFileSync('public/precomputed/tradeoffs.json', 'utf8')),
) as TradeoffFile;

describe('the shipped trade-off run', () => {
  it('parses, with the command that made it', () => {
    expect(typeof shipped).toBe('object');
    expect(shipped.made).toMatch(/scripts\/story-tradeoffs\.ts/);
    for (const run of shipped.runs) expect(run.command).toMatch(/cli -- sweep .*--input-kind/);
  });

  it('has a variant that is faster than dense and accurate on one input, and useless on the other', () => {
    const works = shipped.runs.find((r) => r.inputKind === WORKS_INPUT);
    const fails = shipped.runs.find((r) => r.inputKind === FAILS_INPUT);
    if (!works || !fails) throw new Error('both inputs must be in the file');
    expect(works.n).toBe(fails.n);
    const good = verdicts(works.points).filter((v) => v.good);
    expect(good.length).toBeGreaterThan(0);
    for (const v of good) {
      expect(v.error).toBeLessThan(GOOD_ERROR);
      const there = verdicts(fails.points).find((f) => f.variant === v.variant);
      expect(there?.error, v.variant).toBeGreaterThan(FAILS_ERROR);
    }
  });

  it('refuses a file without runs or without dense', () => {
    expect(parseTradeoffs({})).toMatch(/runs/);
    expect(parseTradeoffs({ runs: [{ inputKind: 'banded', rows: [] }] })).toMatch(/dense/);
  });
});
