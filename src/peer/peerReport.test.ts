import { describe, expect, it } from 'vitest';
import { DEFAULT_PEER_PLAN } from './peerPlan';
import { attentionFlops, judgeError, peerRatios } from './peerReport';
import { peerRow } from './testing/peerRow';

const row = peerRow;

const plan = { ...DEFAULT_PEER_PLAN, ns: [2048], causal: [false] };

describe('attentionFlops', () => {
  it('counts QKᵀ and PV, two FLOPs a multiply-add; causal keeps n(n+1)/2 pairs', () => {
    expect(attentionFlops(2, 3, 1, false)).toBe(4 * 2 * 6);
    expect(attentionFlops(4, 8, 2, true)).toBe(2 * 10 * 2 * 16);
  });
});

describe('judgeError', () => {
  it('is measured within the tolerance, wrong beyond it or when not finite', () => {
    expect(judgeError(5e-4, 1e-3)).toEqual({ status: 'measured', reason: null });
    expect(judgeError(2e-3, 1e-3).status).toBe('wrong');
    expect(judgeError(Number.NaN, 1e-3).reason).toMatch(/not finite/);
  });
});

describe('peerRatios', () => {
  it('divides fused by the fastest correct WebGPU peer row', () => {
    const rows = [
      row({
        engine: 'attention-explorer',
        name: 'fused',
        ms: { median: 50, min: 1, max: 1, samples: [] },
      }),
      row({ name: 'slow', ms: { median: 400, min: 1, max: 1, samples: [] } }),
      row({ name: 'fast', ms: { median: 80, min: 1, max: 1, samples: [] } }),
      // Faster, but left out: wrong, a fallback, on the CPU, or another n.
      row({ name: 'wrong', status: 'wrong', ms: { median: 10, min: 1, max: 1, samples: [] } }),
      row({
        name: 'fallback',
        status: 'fallback',
        ms: { median: 10, min: 1, max: 1, samples: [] },
      }),
      row({ name: 'cpu', device: 'wasm', ms: { median: 10, min: 1, max: 1, samples: [] } }),
      row({ name: 'other n', n: 4096, ms: { median: 10, min: 1, max: 1, samples: [] } }),
    ];
    const [r] = peerRatios({ plan, rows });
    expect(r.peer).toEqual({ name: 'fast', ms: 80 });
    expect(r.ratio).toBeCloseTo(50 / 80);
  });

  it('has no ratio without a correct peer or a measured fused row', () => {
    const onlyWrong = [
      row({ engine: 'attention-explorer', name: 'fused' }),
      row({ status: 'wrong' }),
    ];
    expect(peerRatios({ plan, rows: onlyWrong })[0].ratio).toBeNull();
    expect(peerRatios({ plan, rows: [row({})] })[0]).toMatchObject({ fusedMs: null, ratio: null });
  });
});
