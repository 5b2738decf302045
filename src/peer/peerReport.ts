import type { PeerGraphKind } from './onnxGraphs';

/**
 * What the peer page measures and hands back (read by `bench --browser --peer`): one row per
 * engine, graph or variant, n and causal flag, each with its times, its error against float64,
 * and whether it counts in the ratio. Pure: the CLI reads and checks it in Node.
 */

export interface PeerPlan {
  ns: number[];
  d: number;
  heads: number;
  causal: boolean[];
  /** Timed calls per row after one warm-up call. */
  repeats: number;
  seed: number;
  /** Largest n for the CPU (wasm) rows (the engine's wasm backend is slow past a few thousand). */
  wasmMaxN: number;
}

/** Farther than this from float64 and a peer row is wrong: shown, left out of the ratio. */
export const PEER_TOLERANCE = 1e-3;
/** The engine's exact kernels are held to this. */
export const ENGINE_TOLERANCE = 1e-4;

export type RowStatus = 'measured' | 'refused' | 'failed' | 'wrong' | 'fallback';

export interface PeerRow {
  /** Who computed it. */
  engine: 'attention-explorer' | 'onnxruntime-web';
  /** The row's name: the engine's variant, or the peer's build and graph ("jsep · mha"). */
  name: string;
  /** The peer's build (its module file and WebGPU implementation) or the engine's backend. */
  build: string;
  /** The device: the WebGPU execution provider / tfjs backend, or wasm (CPU). */
  device: 'webgpu' | 'wasm';
  graph: PeerGraphKind | null;
  n: number;
  d: number;
  heads: number;
  causal: boolean;
  status: RowStatus;
  /** Why the row is not measured, wrong or a fallback; null when it is measured and correct. */
  reason: string | null;
  /** Wall ms per call: inputs from the CPU, the call, the output read back. */
  ms: { median: number; min: number; max: number; samples: number[] } | null;
  maxAbsError: number | null;
  gflopsPerSecond: number | null;
  /** Achieved GFLOP/s over the adapter's measured FMA peak (WebGPU rows), or null. */
  fractionOfPeak: number | null;
  /** The GPU programs that ran, as the engine (pipeline keys) or the peer names them. */
  kernels: string[];
  /** The peer's nodes and the execution provider each ran on ("MatMul on WebGpu"). */
  placement: string[];
  /** What the row can say of its memory, with its source, or why it cannot. */
  memory: string;
}

export interface PeerReport {
  plan: PeerPlan;
  provenance: {
    userAgent: string;
    adapter: Record<string, string | boolean | null> | null;
    features: string[];
    ortVersion: string | null;
    ortBuilds: Record<string, string>;
    tfjsVersion: string;
    /** The adapter's measured arithmetic peak (gpuPeak.ts), or null without WebGPU. */
    gpuPeak: { gflopsPerSecond: number; what: string } | null;
  };
  rows: PeerRow[];
  /** Lines the page wants the bench to print (progress, notices). */
  log: string[];
  done: boolean;
  error: string | null;
}

/** FLOPs of one exact attention call: QKᵀ and PV (2 per multiply-add), causal counts half. */
export function attentionFlops(n: number, d: number, heads: number, causal: boolean): number {
  const pairs = causal ? (n * (n + 1)) / 2 : n * n;
  return heads * pairs * 2 * (2 * d);
}

/** A reason on one line (ORT's messages carry newlines and source paths' line breaks). */
export const oneLine = (message: string): string => message.replace(/\s+/g, ' ').trim();

/** Status and reason from a row's error: wrong beyond `tolerance`, else as given. */
export function judgeError(
  error: number,
  tolerance: number,
): { status: RowStatus; reason: string | null } {
  if (!Number.isFinite(error) || error > tolerance) {
    return {
      status: 'wrong',
      reason: `output is ${Number.isFinite(error) ? error.toExponential(1) : 'not finite'} from float64, beyond ${tolerance}`,
    };
  }
  return { status: 'measured', reason: null };
}

/** The rows a ratio may use: measured and correct. */
export const counts = (r: PeerRow): boolean => r.status === 'measured' && r.ms !== null;

export interface PeerRatio {
  n: number;
  causal: boolean;
  fusedMs: number | null;
  /** The fastest correct WebGPU peer row, or null if none measured. */
  peer: { name: string; ms: number } | null;
  /** fused median / fastest peer median (≤ 1: fused is at least as fast). */
  ratio: number | null;
}

/** fused against the fastest correct WebGPU peer, for each n and causal flag of the plan. */
export function peerRatios(report: Pick<PeerReport, 'plan' | 'rows'>): PeerRatio[] {
  const out: PeerRatio[] = [];
  for (const n of report.plan.ns) {
    for (const causal of report.plan.causal) {
      const here = report.rows.filter((r) => r.n === n && r.causal === causal && counts(r));
      const fused = here.find((r) => r.engine === 'attention-explorer' && r.name === 'fused');
      const peers = here
        .filter((r) => r.engine === 'onnxruntime-web' && r.device === 'webgpu')
        .sort((a, b) => (a.ms?.median ?? 0) - (b.ms?.median ?? 0));
      const best = peers[0];
      const fusedMs = fused?.ms?.median ?? null;
      const peer = best?.ms ? { name: best.name, ms: best.ms.median } : null;
      out.push({
        n,
        causal,
        fusedMs,
        peer,
        ratio: fusedMs !== null && peer ? fusedMs / peer.ms : null,
      });
    }
  }
  return out;
}
