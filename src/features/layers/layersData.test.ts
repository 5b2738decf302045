import { describe, expect, it } from 'vitest';
import { barMarks } from '../../charts/barMarks';
import { waterfallMarks } from '../../charts/waterfallMarks';
import { tokenize } from '../../core/model/task';
import { alphaMatrix, depthMassMatrix, routingMatrix } from './depthData';
import {
  relativeUpdateSeries,
  rolloutRowError,
  shareParts,
  shareSum,
  streamNormSeries,
} from './flowData';
import {
  difference,
  diffStats,
  inductionTargets,
  shownHead,
  strongestInductionHead,
} from './headPick';
import { checkSequence, markUnknown } from './inputCheck';
import { DEFAULT_LAYERS_CONFIG } from './layersConfig';
import { predictionRows, predictionSummary } from './predictionRows';
import { planAccuracy, planTrace } from './runPlan';
import { fakeModel, fakeTrace } from './testing/fakeTrace';

const model = fakeModel();
const tokens = tokenize('CAFE|CAFE').tokens;
const trace = fakeTrace(model, tokens);

describe('input checks', () => {
  it('flags unknown characters with where they are, and does not run', () => {
    const c = checkSequence('CA7E|cafe!', 32);
    expect(c.unknown).toEqual([
      { char: '7', position: 2 },
      { char: '!', position: 9 },
    ]);
    expect(c.problem).toContain('"7" at 3');
    expect(c.problem).toContain('"!" at 10');
    expect(markUnknown('CA7E', c.unknown.slice(0, 1))).toEqual([
      { text: 'CA', bad: false },
      { text: '7', bad: true },
      { text: 'E', bad: false },
    ]);
  });
  it('refuses a sequence longer than the context, stating the limit', () => {
    expect(checkSequence('ABCDEFGHIJ|ABCDEFGHIJ', 16).problem).toContain('context of 16 tokens');
    expect(checkSequence('   ', 16).problem).toContain('Type a sequence');
  });
  it('scores the copy-task positions only for a copy-task sequence', () => {
    expect(checkSequence('CAFE|CAFE', 32).scored).toEqual([4, 5, 6, 7]);
    expect(checkSequence('CAFE|FACE', 32).scored).toEqual([]);
  });
});

describe('run plan', () => {
  const config = { ...DEFAULT_LAYERS_CONFIG, text: 'CAFE|CAFE' };
  it('builds the trace request from the first model by default', () => {
    const plan = planTrace(config, [model], 'webgpu');
    expect(plan.ok && plan.request).toEqual({
      model: 'prenorm',
      variant: 'dense',
      params: {},
      tokens,
    });
  });
  it('asks for a capacity only for a MoD model run at a chosen one', () => {
    const routed = fakeModel({ mod: { capacity: 0.5, layers: [1] } }, 'routed');
    const at = (capacity: number | null, m = routed) => {
      const plan = planTrace({ ...config, capacity }, [m], 'webgpu');
      const acc = planAccuracy({ ...config, capacity }, [m], 'webgpu');
      return [plan.ok && plan.request.capacity, acc.ok && acc.request.capacity];
    };
    expect(at(null)).toEqual([undefined, undefined]);
    expect(at(0.25)).toEqual([0.25, 0.25]);
    expect(at(0.25, model)).toEqual([undefined, undefined]);
  });
  it('carries the seed only for a variant that draws at random', () => {
    const seeds = (variant: string) => {
      const c = { ...config, variant, seed: 9 };
      const plan = planTrace(c, [model], 'webgpu');
      const acc = planAccuracy(c, [model], 'webgpu');
      return [plan.ok && plan.request.seed, acc.ok && acc.request.variantSeed];
    };
    expect(seeds('performer')).toEqual([9, 9]);
    expect(seeds('lsh')).toEqual([9, 9]);
    // A deterministic variant: another seed is the same request (nothing reruns).
    expect(seeds('window')).toEqual([undefined, undefined]);
  });
  it('refuses variants that cannot be causal, with the reason, before running', () => {
    const plan = planTrace({ ...config, variant: 'linformer' }, [model], 'webgpu');
    expect(plan.ok).toBe(false);
    if (!plan.ok) expect(plan.reason).toContain('cannot be causal');
    expect(planAccuracy({ ...config, variant: 'nystrom' }, [model], 'webgpu').ok).toBe(false);
    const fused = planTrace({ ...config, variant: 'fused' }, [model], 'wasm');
    expect(!fused.ok && fused.reason).toContain('runs only on webgpu');
    const odd = planTrace(
      { ...config, variant: 'taylor', params: { taylor: { p: 3 } } },
      [model],
      'cpu',
    );
    expect(!odd.ok && odd.reason).toContain('even');
  });
  it('resolves parameters; the same request gives the same key', () => {
    const a = planTrace({ ...config, variant: 'performer' }, [model], 'cpu');
    const b = planTrace(
      { ...config, variant: 'performer', params: { performer: { m: 256 } } },
      [model],
      'cpu',
    );
    expect(a.ok && a.request.params).toEqual({ m: 256 });
    expect(a.ok && b.ok && a.key === b.key).toBe(true);
  });
  it('refuses bad input', () => {
    const plan = planTrace({ ...config, text: 'CAFE#' }, [model], 'cpu');
    expect(!plan.ok && plan.kind).toBe('input');
    expect(planTrace(config, [], 'cpu').ok).toBe(false);
  });
});

describe('residual charts from a trace', () => {
  it('bars: one per layer and sublayer, heights in proportion to the values', () => {
    const series = streamNormSeries(trace);
    const marks = barMarks(['L1', 'L2'], series, 400, 200);
    expect(marks.bars).toHaveLength(4);
    const h = (s: string, c: string) =>
      marks.bars.find((b) => b.series === s && b.category === c)?.h ?? 0;
    expect(h('attn', 'L2') / h('attn', 'L1')).toBeCloseTo(6 / 4, 5);
    expect(h('mlp', 'L1')).toBeGreaterThan(h('attn', 'L1'));
    for (const b of marks.bars) expect(b.y + b.h).toBeCloseTo(marks.innerH, 5);
    const rho = relativeUpdateSeries(trace);
    expect(rho[0].values).toEqual([0.5, 0.25]);
  });
  it('shares sum to 1 and the waterfall ends at the sum', () => {
    expect(shareSum(trace)).toBeCloseTo(1, 12);
    const m = waterfallMarks(shareParts(trace), 300);
    expect(m.total).toBeCloseTo(1, 12);
    expect(m.rows).toHaveLength(trace.shares.length + 1);
    const last = m.rows.at(-1);
    expect(last?.sign).toBe('sum');
    expect(last?.x0).toBeCloseTo(m.zeroX, 9);
    // A negative share points back: its bar ends where the next one starts.
    const neg = m.rows.find((r) => r.sign === 'neg');
    expect(neg).toBeDefined();
    for (const r of m.rows) expect(r.x1).toBeGreaterThanOrEqual(r.x0);
  });
  it('rollout rows sum to 1', () => {
    expect(rolloutRowError(trace.rollout, tokens.length)).toBeLessThan(1e-6);
  });
});

describe('heads, differences, predictions', () => {
  it('induction targets point after the earlier occurrence', () => {
    expect(inductionTargets(tokens)).toEqual([-1, -1, -1, -1, -1, 1, 2, 3, 4]);
  });
  it('opens on the strongest induction head; a chosen head is clamped to the model', () => {
    const pick = strongestInductionHead(trace);
    expect([pick.layer, pick.head]).toEqual([1, 0]);
    expect(shownHead(trace, 9, 9)).toMatchObject({ layer: 1, head: 1, auto: false });
    expect(shownHead(trace, null, null).auto).toBe(true);
  });
  it('the difference of dense from itself is zero; a blurred variant moves mass', () => {
    const m = trace.layers[1].exact[0];
    expect(diffStats(m, m, tokens.length).maxAbs).toBe(0);
    const blurred = fakeTrace(model, tokens, 'performer').layers[1].attention[0];
    const s = diffStats(blurred, m, tokens.length);
    expect(s.meanTotalVariation).toBeGreaterThan(0.05);
    expect(difference(blurred, m)[0]).toBeCloseTo(0, 6); // row 0 sees only itself
  });
  it('predictions: right and wrong on the scored positions only', () => {
    const rows = predictionRows(trace);
    expect(rows.filter((r) => r.expected !== null).map((r) => r.position)).toEqual([4, 5, 6, 7]);
    expect(rows[4]).toMatchObject({ token: '|', top: '|', expected: 'C', correct: false });
    expect(rows[5]).toMatchObject({ token: 'C', top: 'A', expected: 'A', correct: true });
    expect(predictionSummary(rows)).toEqual({ right: 3, scored: 4 });
    expect(rows[0].correct).toBeNull();
  });
});

describe('depth views', () => {
  it('AttnRes α: later sources masked; rows sum to 1', () => {
    const t = fakeTrace(fakeModel({ residual: 'attnres' }), tokens);
    const a = alphaMatrix(t);
    expect(a?.rows).toBe(5);
    expect(a?.masked(0, 1)).toBe(true);
    expect(a?.masked(4, 4)).toBe(false);
    expect(a?.rowLabels[0]).toBe('→ L1 attn');
    expect(a?.rowLabels.at(-1)).toBe('→ final');
    expect(alphaMatrix(trace)).toBeNull();
  });
  it('MoD routing: one row per routed layer, 1 for routed tokens', () => {
    const t = fakeTrace(fakeModel({ mod: { capacity: 0.5, layers: [1] } }), tokens);
    const m = routingMatrix(t, tokens.map(String));
    expect(m?.rows).toBe(1);
    expect(m?.rowLabels).toEqual(['L2']);
    expect(Array.from(m?.values ?? []).reduce((a, b) => a + b, 0)).toBe(5);
  });
  it('MoDA: layers × heads of depth mass', () => {
    const m = depthMassMatrix(fakeTrace(fakeModel({ moda: true }), tokens));
    expect([m?.rows, m?.cols]).toEqual([2, 2]);
    expect(m?.values[3]).toBeCloseTo(0.2);
    expect(depthMassMatrix(trace)).toBeNull();
  });
});
