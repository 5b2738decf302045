import { describe, expect, it } from 'vitest';
import { nodePlacements, ortFallback, ortKernels, placementText } from './ortLog';

// Lines as ONNX Runtime Web 1.31 printed them in headless Chromium (shortened where marked).
const JSEP_PROFILING = [
  '[profiling] kernel "10053000|MultiHeadAttention|MultiHeadAttention_0|AttentionProbs" input[0]: [1,64,1,64] | float32, output[0]: [1,1,64,64] | float32, start time: 0 ns, execution time: 2297437169 ns',
  '[profiling] kernel "10053000|MultiHeadAttention|MultiHeadAttention_0|AttentionScore" input[0]: [1,1,64,64] | float32, start time: 2954392958 ns, execution time: 2387104592 ns',
];
const node = (op: string, provider: string) =>
  `{"cat" : "Node","pid" :42,"tid" :1441464,"dur" :64699,"ts" :523500,"ph" : "X","name" :"${op}_0_kernel_time","args" : {"op_name" : "${op}","output_size" : "16384","mem_in_use_peak" : "0","provider" : "${provider}"}},`;
const NATIVE_PROFILE = [
  '[',
  '{"cat" : "Session","pid" :42,"tid" :1441464,"dur" :25100,"ts" :699,"ph" : "X","name" :"model_loading_array","args" : {}},',
  node('MultiHeadAttention', 'WebGpuExecutionProvider'),
  '{"cat" : "Api","pid" :-1,"tid" :-1,"dur" :206350,"ts" :2004699,"ph" : "X","name" :"MultiHeadAttention_0&MultiHeadAttention&FlashAttention","args" : {"shapes" : "inputs[0] = {1,64,16}","cache_key" : "FlashAttention[0|64]"}}',
  ']',
];

describe('ortKernels', () => {
  it("names JSEP's programs as op/program", () => {
    expect(ortKernels(JSEP_PROFILING)).toEqual([
      'MultiHeadAttention/AttentionProbs',
      'MultiHeadAttention/AttentionScore',
    ]);
  });

  it("names the native build's programs from the profiler's Api events", () => {
    expect(ortKernels(NATIVE_PROFILE)).toEqual(['MultiHeadAttention/FlashAttention']);
  });

  it('ignores other lines, broken JSON included', () => {
    expect(ortKernels(['hello', '{"cat" : "Api", broken', '[', ']'])).toEqual([]);
  });
});

describe('node placement', () => {
  it('reads each node and its provider from the profiler', () => {
    expect(nodePlacements(NATIVE_PROFILE)).toEqual([
      { op: 'MultiHeadAttention', provider: 'WebGpuExecutionProvider' },
    ]);
    const lines = [node('Gather', 'CPUExecutionProvider'), node('MatMul', 'JsExecutionProvider')];
    expect(placementText([...lines, ...lines])).toEqual(['Gather on CPU', 'MatMul on Js']);
  });

  it('is no fallback when the attention ops ran on WebGPU (shape ops on the CPU are fine)', () => {
    expect(ortFallback(NATIVE_PROFILE)).toBeNull();
    const jsep = [node('Gather', 'CPUExecutionProvider'), node('Softmax', 'JsExecutionProvider')];
    expect(ortFallback(jsep)).toBeNull();
  });

  it('is a fallback when an attention op ran on the CPU, or unknown without a profile', () => {
    const lines = [
      node('MatMul', 'WebGpuExecutionProvider'),
      node('Softmax', 'CPUExecutionProvider'),
    ];
    expect(ortFallback(lines)).toBe('Softmax ran on CPUExecutionProvider, not WebGPU');
    expect(ortFallback(JSEP_PROFILING)).toMatch(/named no attention node/);
  });
});
