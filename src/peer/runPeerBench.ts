import { type AttentionInputs, type HeadBlock, headBlock } from '../core/headBlock';
import { generateInputs } from '../core/inputs';
import { messageOf } from '../core/messageOf';
import { maxAbsError } from '../core/metrics';
import { keepAll, keepCausal, referenceAttention } from '../core/reference/dense';
import { startEngine, timeEngine } from './enginePeer';
import { measureGpuPeak } from './gpuPeak';
import { PEER_GRAPHS, type PeerGraph } from './onnxGraphs';
import { ortFallback, ortKernels, placementText } from './ortLog';
import {
  captureConsole,
  loadOrt,
  ORT_BUILD_TEXT,
  type OrtBuild,
  ortSession,
  probeOrt,
} from './ortPeer';
import {
  attentionFlops,
  ENGINE_TOLERANCE,
  judgeError,
  oneLine,
  PEER_TOLERANCE,
  type PeerReport,
  type PeerRow,
} from './peerReport';
import { timeCalls } from './timeCalls';

/**
 * The peer page's run: for each n and causal flag, the same Q, K, V (seeded gaussian) through
 * the engine (fused and dense on webgpu) and through ONNX Runtime Web (both WebGPU builds, both
 * graphs), every output checked against float64; then the CPU rows (the engine's wasm backend,
 * ORT's wasm build) for n up to plan.wasmMaxN.
 */

interface Case {
  n: number;
  causal: boolean;
  inputs: AttentionInputs;
  /** The inputs as ORT's tensors take them (float32, made once for every ORT row). */
  data: { q: Float32Array; k: Float32Array; v: Float32Array };
  reference: HeadBlock<Float64Array>;
}

const ENGINE_MEMORY =
  'not measured here (the lab and `npm run bench` report peak tensor bytes per variant)';
const ORT_MEMORY = 'not reported: onnxruntime-web exposes no memory figure for a session';

function makeCase(report: PeerReport, n: number, causal: boolean): Case {
  const { d, heads, seed } = report.plan;
  const inputs = generateInputs({ kind: 'gaussian', heads, n, d, seed });
  const reference = referenceAttention(inputs, causal ? keepCausal : keepAll);
  const f32 = (b: HeadBlock) => Float32Array.from(b.data);
  const data = { q: f32(inputs.q), k: f32(inputs.k), v: f32(inputs.v) };
  return { n, causal, inputs, data, reference };
}

/** A row before it runs: what it is, where, and on which case; nothing measured yet. */
function blankRow(
  report: PeerReport,
  c: Case,
  who: Pick<PeerRow, 'engine' | 'name' | 'build' | 'device' | 'graph' | 'memory'>,
): PeerRow {
  return {
    ...who,
    n: c.n,
    d: report.plan.d,
    heads: report.plan.heads,
    causal: c.causal,
    status: 'measured',
    reason: null,
    ms: null,
    maxAbsError: null,
    gflopsPerSecond: null,
    fractionOfPeak: null,
    kernels: [],
    placement: [],
  };
}

async function engineRow(
  report: PeerReport,
  c: Case,
  variant: string,
  device: 'webgpu' | 'wasm',
): Promise<PeerRow> {
  const row = blankRow(report, c, {
    engine: 'attention-explorer',
    name: variant,
    build: `tfjs ${device} backend`,
    device,
    graph: null,
    memory: ENGINE_MEMORY,
  });
  try {
    const timed = await timeEngine(variant, c.inputs, c.causal, report.plan.repeats);
    return finish(row, timed.ms, timed.output, c, ENGINE_TOLERANCE, timed.kernels);
  } catch (err) {
    return { ...row, status: 'failed', reason: oneLine(messageOf(err)) };
  }
}

function finish(
  row: PeerRow,
  ms: NonNullable<PeerRow['ms']>,
  output: Float32Array,
  c: Case,
  tolerance: number,
  kernels: string[],
): PeerRow {
  const { heads, n, width } = c.reference;
  const error = maxAbsError(headBlock(heads, n, width, output), c.reference);
  const judged = judgeError(error, tolerance);
  const flops = attentionFlops(c.n, row.d, row.heads, c.causal);
  return {
    ...row,
    ...judged,
    ms,
    maxAbsError: Number.isFinite(error) ? error : null,
    gflopsPerSecond: flops / (ms.median * 1e6),
    kernels,
  };
}

async function ortRow(
  report: PeerReport,
  c: Case,
  build: OrtBuild,
  graph: PeerGraph,
): Promise<PeerRow> {
  const row = blankRow(report, c, {
    engine: 'onnxruntime-web',
    name: `${build} · ${graph.kind}`,
    build: ORT_BUILD_TEXT[build],
    device: build === 'wasm' ? 'wasm' : 'webgpu',
    graph: graph.kind,
    memory: ORT_MEMORY,
  });
  const { q, v } = c.inputs;
  const shape = { heads: q.heads, n: q.n, d: q.width, dv: v.width };
  const { data } = c;
  const made = await captureConsole(() => ortSession(build, graph, shape, data));
  if (!made.value)
    return { ...row, status: 'refused', reason: oneLine(made.error ?? 'ORT refused the graph') };
  const call = made.value;
  let out: PeerRow;
  try {
    const timed = await timeCalls(call.run, report.plan.repeats);
    out = finish(row, timed.ms, timed.output, c, PEER_TOLERANCE, []);
  } catch (err) {
    return { ...row, status: 'failed', reason: oneLine(messageOf(err)) };
  } finally {
    await call.release();
  }
  // A separate, profiled call names the programs and where each node ran.
  const lines = await probeOrt(build, graph, shape, data);
  out.kernels = ortKernels(lines);
  out.placement = placementText(lines);
  const fallback = row.device === 'webgpu' ? ortFallback(lines) : null;
  return fallback && out.status === 'measured'
    ? { ...out, status: 'fallback', reason: fallback }
    : out;
}

export async function runPeerBench(
  report: PeerReport,
  onRow: (row: PeerRow) => void,
): Promise<void> {
  const say = (line: string) => report.log.push(line);
  const add = (row: PeerRow) => {
    const peak = report.provenance.gpuPeak?.gflopsPerSecond;
    if (peak && row.device === 'webgpu' && row.gflopsPerSecond !== null) {
      row.fractionOfPeak = row.gflopsPerSecond / peak;
    }
    report.rows.push(row);
    onRow(row);
  };
  const gpu = await startEngine('webgpu');
  report.provenance.adapter = gpu.adapter ? { ...gpu.adapter } : null;
  report.provenance.features = gpu.features;
  report.provenance.tfjsVersion = gpu.tfjsVersion;
  const ort = await loadOrt('jsep');
  report.provenance.ortVersion = ort.env.versions.web ?? ort.env.versions.common ?? null;
  report.provenance.ortBuilds = { ...ORT_BUILD_TEXT };
  const peak = await measureGpuPeak();
  report.provenance.gpuPeak = peak;
  say(
    `the adapter's FMA peak: ${peak ? `${peak.gflopsPerSecond.toFixed(1)} GFLOP/s` : 'not measured'}`,
  );
  const cases: Case[] = [];
  for (const n of report.plan.ns) {
    for (const causal of report.plan.causal) {
      const c = makeCase(report, n, causal);
      cases.push(c);
      say(`n = ${n}${causal ? ', causal' : ''}: engine on webgpu`);
      for (const variant of ['fused', 'dense']) add(await engineRow(report, c, variant, 'webgpu'));
      for (const build of ['jsep', 'webgpu'] as const) {
        for (const graph of PEER_GRAPHS.filter((g) => g.causal === causal)) {
          say(`n = ${n}${causal ? ', causal' : ''}: onnxruntime-web ${build} · ${graph.kind}`);
          add(await ortRow(report, c, build, graph));
        }
      }
    }
  }
  const cpuCases = cases.filter((c) => c.n <= report.plan.wasmMaxN);
  if (cpuCases.length === 0) return;
  await startEngine('wasm');
  for (const c of cpuCases) {
    say(`n = ${c.n}${c.causal ? ', causal' : ''}: CPU rows (wasm)`);
    add(await engineRow(report, c, 'dense', 'wasm'));
    for (const graph of PEER_GRAPHS.filter((g) => g.causal === c.causal)) {
      add(await ortRow(report, c, 'wasm', graph));
    }
  }
}
