import type { PeerRow } from '../peerReport';

/** A measured, correct ORT row at n = 2048 (tests override what they need). */
export const peerRow = (over: Partial<PeerRow> = {}): PeerRow => ({
  engine: 'onnxruntime-web',
  name: 'jsep · mha',
  build: 'ort.min.mjs',
  device: 'webgpu',
  graph: 'mha',
  n: 2048,
  d: 64,
  heads: 1,
  causal: false,
  status: 'measured',
  reason: null,
  ms: { median: 100, min: 90, max: 110, samples: [90, 100, 110] },
  maxAbsError: 1e-7,
  gflopsPerSecond: 1,
  fractionOfPeak: null,
  kernels: [],
  placement: [],
  memory: '',
  ...over,
});
