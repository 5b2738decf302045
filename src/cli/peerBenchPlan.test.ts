import { describe, expect, it } from 'vitest';
import { DEFAULT_PEER_PLAN } from '../peer/peerPlan';
import { CliError } from './errors';
import { DEFAULT_PEER_DIST, DEFAULT_PEER_OUTPUT, peerBenchPlan } from './peerBenchPlan';

describe('peerBenchPlan', () => {
  it('defaults to n = 2048 and 4096, d = 64, causal and not, its own output and build folder', () => {
    const plan = peerBenchPlan(['--browser', '--peer']);
    expect(plan.peer).toEqual(DEFAULT_PEER_PLAN);
    expect(plan).toMatchObject({
      output: DEFAULT_PEER_OUTPUT,
      outputGiven: false,
      dist: DEFAULT_PEER_DIST,
      port: 0,
      strict: false,
    });
  });

  it('reads every flag', () => {
    const plan = peerBenchPlan(
      '--browser --peer --n 64,128 --d 32 --heads 2 --causal yes --repeats 2 --seed 5 --wasm-max-n 0 --timeout 60 --output /tmp/p.json --port 4999 --strict'.split(
        ' ',
      ),
    );
    expect(plan.peer).toEqual({
      ns: [64, 128],
      d: 32,
      heads: 2,
      causal: [true],
      repeats: 2,
      seed: 5,
      wasmMaxN: 0,
    });
    expect(plan).toMatchObject({
      output: '/tmp/p.json',
      port: 4999,
      timeoutMs: 60_000,
      strict: true,
    });
  });

  it.each([
    [['--causal', 'maybe'], /--causal must be both, yes or no/],
    [['--n', '8'], /--n must be in \[16, 16384\]/],
    [['--wasm-max-n', '20000'], /--wasm-max-n must be in \[0, 16384\]/],
    [['--variants', 'dense'], /unknown flag --variants/],
    // Within the flags' ranges, beyond the page's: refused before Chromium starts.
    [['--d', '200'], /d must be an integer from 1 to 128, not 200/],
    [['--seed', '3000000000'], /seed must be an integer from 0 to 2147483647/],
    [['--dist', 'src'], /src/],
  ])('refuses %j with a one-line reason', (flags, why) => {
    const call = () => peerBenchPlan(['--browser', '--peer', ...flags]);
    expect(call).toThrow(CliError);
    expect(call).toThrow(why);
  });
});
