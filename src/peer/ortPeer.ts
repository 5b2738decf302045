import type * as Ort from 'onnxruntime-web';
import { messageOf } from '../core/messageOf';
import type { PeerGraph } from './onnxGraphs';

/**
 * ONNX Runtime Web, loaded by URL from the bench's own server (never bundled): its builds are
 * separate module files, each with its own WebAssembly binary and WebGPU implementation.
 */
export const ORT_BUILDS = {
  /** The package's default: the JavaScript WebGPU execution provider (JSEP). */
  jsep: 'ort.min.mjs',
  /** `onnxruntime-web/webgpu`: the C++ WebGPU execution provider compiled to WebAssembly. */
  webgpu: 'ort.webgpu.min.mjs',
  /** `onnxruntime-web/wasm`: CPU only. */
  wasm: 'ort.wasm.min.mjs',
} as const;
export type OrtBuild = keyof typeof ORT_BUILDS;

export const ORT_BUILD_TEXT: Record<OrtBuild, string> = {
  jsep: `${ORT_BUILDS.jsep} (JSEP: WebGPU kernels in JavaScript)`,
  webgpu: `${ORT_BUILDS.webgpu} (native C++ WebGPU execution provider)`,
  wasm: `${ORT_BUILDS.wasm} (CPU, WebAssembly SIMD)`,
};

type OrtModule = typeof Ort;
const loaded = new Map<OrtBuild, Promise<OrtModule>>();

/** Import a build from `ort/` beside the page (the bench copies the package's dist there). */
export function loadOrt(build: OrtBuild): Promise<OrtModule> {
  let mod = loaded.get(build);
  if (!mod) {
    tapConsole();
    const url = new URL(`ort/${ORT_BUILDS[build]}`, document.baseURI).href;
    mod = (import(/* @vite-ignore */ url) as Promise<OrtModule>).then((ort) => {
      // One thread: the page is not cross-origin isolated, and the engine's wasm runs one too.
      ort.env.wasm.numThreads = 1;
      return ort;
    });
    loaded.set(build, mod);
  }
  return mod;
}

const CONSOLE_KINDS = ['log', 'info', 'warn', 'error', 'debug'] as const;
let sink: string[] | null = null;
let tapped = false;

/**
 * Wrap the console once, before ORT loads: its WebAssembly module binds console.log when it
 * starts (the session profiler prints through that), so a later patch would miss those lines.
 * The wrappers still print; while `captureConsole` runs they also keep each line.
 */
function tapConsole(): void {
  if (tapped) return;
  tapped = true;
  for (const kind of CONSOLE_KINDS) {
    const original = console[kind].bind(console);
    console[kind] = (...args: unknown[]) => {
      sink?.push(args.map(String).join(' '));
      original(...args);
    };
  }
}

/** What ORT printed while `work` ran (node placement, programs, refusals). */
export async function captureConsole<T>(
  work: () => Promise<T>,
): Promise<{ value: T | null; error: string | null; lines: string[] }> {
  tapConsole();
  const lines: string[] = [];
  sink = lines;
  try {
    return { value: await work(), error: null, lines };
  } catch (err) {
    return { value: null, error: messageOf(err), lines };
  } finally {
    sink = null;
  }
}

export interface OrtCall {
  run: () => Promise<Float32Array>;
  release: () => Promise<void>;
}

const graphBytes = new Map<string, Promise<Uint8Array>>();

/** The committed graph file (src/peer/graphs/, emitted beside the page by the build). */
function loadGraph(graph: PeerGraph): Promise<Uint8Array> {
  let bytes = graphBytes.get(graph.file);
  if (!bytes) {
    const url = new URL(`./graphs/${graph.file}`, import.meta.url);
    bytes = fetch(url).then(async (r) => {
      if (!r.ok) throw new Error(`${graph.file}: HTTP ${r.status}`);
      return new Uint8Array(await r.arrayBuffer());
    });
    graphBytes.set(graph.file, bytes);
  }
  return bytes;
}

type Shape = { heads: number; n: number; d: number; dv: number };
type Data = { q: Float32Array; k: Float32Array; v: Float32Array };

/**
 * A session for `graph` on `build`'s execution provider, and one call on the given inputs.
 * `probe`: profile (node placement, program names); for one call after the timed ones, never
 * for those.
 */
export async function ortSession(
  build: OrtBuild,
  graph: PeerGraph,
  shape: Shape,
  data: Data,
  probe = false,
): Promise<OrtCall> {
  const ort = await loadOrt(build);
  const session = await ort.InferenceSession.create(await loadGraph(graph), {
    executionProviders: [build === 'wasm' ? 'wasm' : 'webgpu'],
    graphOptimizationLevel: 'all',
    // The profiler's events name each node's provider (and the native build's programs); JSEP
    // names its programs through env.webgpu.profiling instead.
    enableProfiling: probe,
  });
  const { heads, n, d, dv } = shape;
  const run = async () => {
    const feeds = {
      q: new ort.Tensor('float32', data.q, [heads, n, d]),
      k: new ort.Tensor('float32', data.k, [heads, n, d]),
      v: new ort.Tensor('float32', data.v, [heads, n, dv]),
    };
    const result = await session.run(feeds);
    const out = result.out;
    const values = (await out.getData()) as Float32Array;
    out.dispose();
    return values;
  };
  return {
    run: probe ? () => profiled(ort, build, run, () => session.endProfiling()) : run,
    release: () => session.release(),
  };
}

async function profiled(
  ort: OrtModule,
  build: OrtBuild,
  run: () => Promise<Float32Array>,
  endProfiling: () => void,
): Promise<Float32Array> {
  if (build === 'jsep') ort.env.webgpu.profiling = { mode: 'default' };
  try {
    return await run();
  } finally {
    if (build === 'jsep') ort.env.webgpu.profiling = { mode: 'off' };
    endProfiling();
  }
}

/** Made, run once and released with the console captured: what ORT says of the call. */
export async function probeOrt(
  build: OrtBuild,
  graph: PeerGraph,
  shape: Shape,
  data: Data,
): Promise<string[]> {
  const probe = await captureConsole(async () => {
    const call = await ortSession(build, graph, shape, data, true);
    try {
      await call.run();
    } finally {
      await call.release();
    }
  });
  return probe.error ? [...probe.lines, `probe failed: ${probe.error}`] : probe.lines;
}
