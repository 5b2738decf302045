import { beforeAll, describe, expect, it } from 'vitest';
import { randomModel, SMALL_VARIANTS } from '../core/model/testModels';
import { encodeModel } from '../core/model/weights';
import { taskAccuracy } from '../engine/model/accuracy';
import { traceForward } from '../engine/model/traceForward';
import { liveTensors, useCpu } from '../engine/testing/cpuHarness';
import { EngineClient, type WorkerLike } from './engineClient';
import { createEngineHost } from './engineHost';
import type { ModelDeps } from './modelJobs';
import type { EngineRequest } from './protocol';

/** The layer jobs end to end: client → host → model jobs → tfjs (cpu), with a fake fetch. */

const ORIGIN = 'https://example.org';
const MODELS = `${ORIGIN}/app/models/`;

function files(): Map<string, Uint8Array | string> {
  const w = randomModel({});
  const { manifest, bin } = encodeModel({ ...w.info, id: 'tiny' }, w.tensors);
  const routed = randomModel(SMALL_VARIANTS.mod);
  const mod = encodeModel({ ...routed.info, id: 'routed' }, routed.tensors);
  return new Map<string, Uint8Array | string>([
    [`${MODELS}routed.json`, JSON.stringify(mod.manifest)],
    [`${MODELS}routed.bin`, mod.bin],
    [`${MODELS}tiny.json`, JSON.stringify(manifest)],
    [`${MODELS}tiny.bin`, bin],
    [
      `${MODELS}broken.json`,
      JSON.stringify({ ...manifest, info: { ...manifest.info, id: 'broken' } }),
    ],
    [`${MODELS}broken.bin`, bin.slice(8)],
  ]);
}

function setup() {
  const served = files();
  const fetched: string[] = [];
  const deps: ModelDeps = {
    traceForward,
    taskAccuracy,
    origin: ORIGIN,
    numTensors: liveTensors,
    fetch: async (url) => {
      fetched.push(url);
      const body = served.get(url);
      return {
        ok: body !== undefined,
        status: body === undefined ? 404 : 200,
        json: async () => JSON.parse(body as string),
        arrayBuffer: async () => (body as Uint8Array).slice().buffer as ArrayBuffer,
      };
    },
  };
  const worker: WorkerLike = {
    onmessage: null,
    onerror: null,
    postMessage(message: EngineRequest) {
      const data = structuredClone(message);
      queueMicrotask(() => handle(data));
    },
    terminate() {},
  };
  const handle = createEngineHost(
    {
      init: async () => ({
        name: 'cpu',
        reason: 'test',
        failures: [],
        adapter: null,
        limits: { maxBufferSize: 2 ** 31 - 1, maxStorageBufferBindingSize: 2 ** 31 - 1 },
        features: [],
        hasTimestampQuery: false,
        tfjsVersion: 'test',
      }),
      crossCheck: async () => {
        throw new Error('unused');
      },
      models: deps,
    },
    (r) => {
      const data = structuredClone(r);
      queueMicrotask(() => worker.onmessage?.({ data } as MessageEvent));
    },
  );
  return { client: new EngineClient(worker), fetched };
}

beforeAll(useCpu);

describe('layer jobs', () => {
  it('traces a sequence and measures accuracy, loading the model once', async () => {
    const { client, fetched } = setup();
    await client.init();
    const ref = { model: 'tiny', modelsUrl: MODELS };
    const a = await client.layerTrace({
      ...ref,
      tokens: [2, 0, 5, 16, 2, 0, 5],
      variant: 'performer',
      params: { m: 16 },
    }).result;
    expect(a.model.id).toBe('tiny');
    expect(a.trace.variant).toBe('performer');
    expect(a.trace.params).toEqual({ m: 16 });
    expect(a.trace.layers[0].attention[0]).toBeInstanceOf(Float32Array);
    expect(a.trace.layers[0].attention[0].length).toBe(49);
    expect(a.tensors.after).toBe(a.tensors.before);
    const b = await client.layerAccuracy({ ...ref, variant: 'linear', sequences: 8, seed: 5 })
      .result;
    expect(b.report).toMatchObject({ model: 'tiny', variant: 'linear', sequences: 8, seed: 5 });
    expect(b.tensors.after).toBe(b.tensors.before);
    expect(fetched).toEqual([`${MODELS}tiny.json`, `${MODELS}tiny.bin`]);
  });

  it('runs a MoD model at another capacity, and refuses a capacity for a model that does not route', async () => {
    const { client } = setup();
    await client.init();
    const ref = { model: 'routed', modelsUrl: MODELS };
    const tokens = [2, 0, 5, 3, 16, 2, 0, 5, 3];
    const routedCounts = async (capacity?: number) => {
      const r = await client.layerTrace({ ...ref, tokens, variant: 'dense', capacity }).result;
      expect(r.tensors.after).toBe(r.tensors.before);
      return {
        counts: r.trace.layers.map((l) => l.routed?.length ?? null),
        capacity: r.trace.capacity,
      };
    };
    // Layers 1 and 3 route (0-based 0 and 2): ⌈C·9⌉ tokens each.
    expect(await routedCounts()).toEqual({ counts: [5, null, 5], capacity: 0.5 });
    expect(await routedCounts(0.25)).toEqual({ counts: [3, null, 3], capacity: 0.25 });
    expect(await routedCounts(1)).toEqual({ counts: [9, null, 9], capacity: 1 });
    const acc = await client.layerAccuracy({
      ...ref,
      variant: 'dense',
      sequences: 4,
      seed: 1,
      capacity: 0.125,
    }).result;
    expect(acc.report.capacity).toBe(0.125);
    await expect(
      client.layerTrace({
        model: 'tiny',
        modelsUrl: MODELS,
        tokens,
        variant: 'dense',
        capacity: 0.25,
      }).result,
    ).rejects.toThrow(/does not route tokens/);
  });

  it('fails with a reason: missing model, corrupt file, other origin, refused variant', async () => {
    const { client } = setup();
    await client.init();
    const tokens = [1, 2, 16, 1, 2];
    const trace = (model: string, modelsUrl = MODELS, variant = 'dense') =>
      client.layerTrace({ model, modelsUrl, tokens, variant }).result;
    await expect(trace('absent')).rejects.toThrow(/HTTP 404/);
    await expect(trace('broken')).rejects.toThrow(/corrupt model file/);
    await expect(trace('tiny', 'https://evil.example/models/')).rejects.toThrow(
      /must come from this site/,
    );
    await expect(trace('tiny', MODELS, 'linformer')).rejects.toThrow(/cannot be causal/);
    await expect(
      client.layerTrace({ model: 'tiny', modelsUrl: MODELS, tokens: [99], variant: 'dense' })
        .result,
    ).rejects.toThrow(
      /invalid layerTrace request: tokens\[0\]: expected a token id in \[0, 16\], got 99/,
    );
  });
});
