import { messageOf } from '../core/messageOf';
import { atCapacity } from '../core/model/config';
import type { AccuracyReport, ForwardTrace } from '../core/model/trace';
import { decodeModel, type ModelWeights } from '../core/model/weights';
import { responseJson } from '../core/schemas/jsonText';
import type { DeviceLimits } from '../core/variantSpec';
import type {
  LayerAccuracyOutcome,
  LayerAccuracyRequest,
  LayerTraceOutcome,
  LayerTraceRequest,
  ModelRef,
} from './modelProtocol';

/**
 * The layer explorer's jobs, free of tfjs: the engine functions come in as deps. Weights are
 * fetched once per (folder, id), checked by core/model/weights decodeModel, and cached.
 */

export interface ModelDeps {
  traceForward(
    weights: ModelWeights,
    tokens: readonly number[],
    variant: string,
    params: Readonly<Record<string, number>>,
    opts: { seed?: number; limits?: DeviceLimits },
  ): Promise<ForwardTrace>;
  taskAccuracy(
    weights: ModelWeights,
    opts: {
      variant: string;
      params?: Readonly<Record<string, number>>;
      sequences: number;
      seed: number;
      limits?: DeviceLimits;
      shouldCancel?: () => boolean;
    },
  ): Promise<AccuracyReport>;
  fetch(url: string): Promise<{
    ok: boolean;
    status: number;
    json(): Promise<unknown>;
    arrayBuffer(): Promise<ArrayBuffer>;
    /** Where present (a real Response), the manifest is read as text so HTML is named. */
    text?(): Promise<string>;
    headers?: { get(name: string): string | null };
  }>;
  /** The worker's origin: model files from elsewhere are refused. Null skips the check (tests). */
  origin: string | null;
  numTensors(): number;
}

export interface ModelJobContext {
  limits: DeviceLimits;
  cancelled: () => boolean;
}

/** A manifest lists a few dozen tensors: far larger is not a manifest. */
const MANIFEST_MAX_BYTES = 1024 * 1024;

/** At most this many models stay loaded (each is ≤ 2 MB). */
const CACHE_SIZE = 8;

export function createModelJobs(deps: ModelDeps) {
  const cache = new Map<string, Promise<ModelWeights>>();

  async function fetchOk(url: string, what: string) {
    let res: Awaited<ReturnType<ModelDeps['fetch']>>;
    try {
      res = await deps.fetch(url);
    } catch (err) {
      throw new Error(`could not fetch the ${what} ${url}: ${messageOf(err)}`);
    }
    if (!res.ok) throw new Error(`could not fetch the ${what} ${url}: HTTP ${res.status}`);
    return res;
  }

  async function load(ref: ModelRef): Promise<ModelWeights> {
    const base = new URL(ref.modelsUrl);
    if (deps.origin !== null && base.origin !== deps.origin) {
      throw new Error(`models must come from this site (${deps.origin}), not ${base.origin}`);
    }
    const manifestUrl = new URL(`${ref.model}.json`, base).href;
    // Read as text first: an HTML page (a static server's answer for a missing file) is named as such.
    const manifestResponse = await fetchOk(manifestUrl, 'model manifest');
    const { text } = manifestResponse;
    const manifest = text
      ? await responseJson(
          // Named fields: a real Response keeps ok and status on its prototype, which a spread drops.
          {
            ok: manifestResponse.ok,
            status: manifestResponse.status,
            headers: manifestResponse.headers,
            text: () => text.call(manifestResponse),
          },
          manifestUrl,
          MANIFEST_MAX_BYTES,
        )
      : await manifestResponse.json();
    // The bin file is always <id>.bin beside the manifest, whatever the manifest says.
    const binUrl = new URL(`${ref.model}.bin`, base).href;
    const binResponse = await fetchOk(binUrl, 'model weights');
    if (binResponse.headers?.get('content-type')?.includes('text/html')) {
      throw new Error(`${binUrl} is missing: the server answered with an HTML page`);
    }
    const bin = await binResponse.arrayBuffer();
    const weights = decodeModel(manifest, bin);
    if (weights.info.id !== ref.model) {
      throw new Error(`${manifestUrl} holds model "${weights.info.id}", not "${ref.model}"`);
    }
    return weights;
  }

  function weightsFor(ref: ModelRef): Promise<ModelWeights> {
    const key = `${ref.modelsUrl}${ref.model}`;
    let p = cache.get(key);
    if (!p) {
      p = load(ref);
      // A failed load is not cached: the next request tries again.
      p.catch(() => cache.delete(key));
      if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
      cache.set(key, p);
    }
    return p;
  }

  /** The weights as the request runs them: another MoD capacity, where one is asked for. */
  async function weightsAt(req: ModelRef & { capacity?: number }): Promise<ModelWeights> {
    const weights = await weightsFor(req);
    if (req.capacity === undefined) return weights;
    if (!weights.info.config.mod) {
      throw new Error(`model "${req.model}" does not route tokens; capacity applies to MoD models`);
    }
    return { ...weights, info: atCapacity(weights.info, req.capacity) };
  }

  async function layerTrace(
    req: LayerTraceRequest,
    ctx: ModelJobContext,
  ): Promise<LayerTraceOutcome> {
    const weights = await weightsAt(req);
    const before = deps.numTensors();
    const trace = await deps.traceForward(weights, req.tokens, req.variant, req.params ?? {}, {
      seed: req.seed ?? 0,
      limits: ctx.limits,
    });
    return { model: weights.info, trace, tensors: { before, after: deps.numTensors() } };
  }

  async function layerAccuracy(
    req: LayerAccuracyRequest,
    ctx: ModelJobContext,
  ): Promise<LayerAccuracyOutcome> {
    const weights = await weightsAt(req);
    const before = deps.numTensors();
    const report = await deps.taskAccuracy(weights, {
      variant: req.variant,
      params: req.params ?? {},
      sequences: req.sequences,
      seed: req.seed,
      ...(req.variantSeed === undefined ? {} : { variantSeed: req.variantSeed }),
      limits: ctx.limits,
      shouldCancel: ctx.cancelled,
    });
    return { model: weights.info, report, tensors: { before, after: deps.numTensors() } };
  }

  return { layerTrace, layerAccuracy };
}

export type ModelJobs = ReturnType<typeof createModelJobs>;
