import { describe, expect, it } from 'vitest';
import type { BackendName, BackendReport } from '../engine/backend';
import type { CrossCheckHooks, CrossCheckOptions, CrossCheckReport } from '../engine/crossCheck';
import { EngineClient, EngineError, type WorkerLike } from './engineClient';
import { createEngineHost, type EngineDeps } from './engineHost';
import type { EngineRequest } from './protocol';

/** The client and the worker's host wired through structured clones, with a fake engine. */

const report = (name: BackendName): BackendReport => ({
  name,
  reason: `${name} is the first choice and started`,
  failures: [],
  adapter: null,
  limits: { maxBufferSize: 1, maxStorageBufferBindingSize: 1 },
  features: [],
  hasTimestampQuery: false,
  tfjsVersion: '0.0.0',
});

class LoopbackWorker implements WorkerLike {
  onmessage: ((e: MessageEvent) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  terminated = false;
  readonly handle: (data: unknown) => void;
  constructor(deps: EngineDeps) {
    this.handle = createEngineHost(deps, (r) => {
      const data = structuredClone(r);
      queueMicrotask(() => this.onmessage?.({ data } as MessageEvent));
    });
  }
  postMessage(message: EngineRequest): void {
    const data = structuredClone(message);
    queueMicrotask(() => this.handle(data));
  }
  terminate(): void {
    this.terminated = true;
  }
}

const tick = () => new Promise((r) => setTimeout(r, 1));

function fakeDeps(
  overrides: Partial<EngineDeps> = {},
): EngineDeps & { lose?: (m: string) => void } {
  const deps: EngineDeps & { lose?: (m: string) => void } = {
    init: async (order, onDeviceLost) => {
      deps.lose = onDeviceLost;
      return report(order?.[0] ?? 'webgpu');
    },
    crossCheck: async (opts: CrossCheckOptions, hooks: CrossCheckHooks) => {
      for (let done = 0; done < 3; done++) {
        hooks.signal?.throwIfAborted();
        hooks.onProgress?.({ backend: 'webgpu', done, total: 3, label: `step ${done}` });
        await tick();
      }
      const out: CrossCheckReport = {
        backend: 'webgpu',
        reference: 'cpu',
        options: opts,
        rows: [],
        tensorsBefore: 4,
        tensorsAfter: 4,
        ms: 1,
      };
      return out;
    },
    ...overrides,
  };
  return deps;
}

const opts = { n: 64, d: 16, heads: 2, seed: 1, causal: true };

describe('EngineClient with the engine host', () => {
  it('starts with the requested order and reports the backend', async () => {
    const client = new EngineClient(new LoopbackWorker(fakeDeps()));
    expect((await client.init(['wasm', 'cpu'])).name).toBe('wasm');
    // A second init repeats the first answer.
    expect((await client.init(['cpu'])).name).toBe('wasm');
  });

  it('rejects init with kind initFailed', async () => {
    const deps = fakeDeps({ init: async () => Promise.reject(new Error('no backend')) });
    const client = new EngineClient(new LoopbackWorker(deps));
    await expect(client.init()).rejects.toMatchObject({
      kind: 'initFailed',
      message: 'no backend',
    });
  });

  it('refuses a job before init', async () => {
    const client = new EngineClient(new LoopbackWorker(fakeDeps()));
    await expect(client.crossCheck(opts).result).rejects.toThrow(/send init first/);
  });

  it('streams progress, then resolves with the report', async () => {
    const client = new EngineClient(new LoopbackWorker(fakeDeps()));
    await client.init();
    const seen: string[] = [];
    const result = await client.crossCheck(opts, (p) => seen.push(p.label)).result;
    expect(seen).toEqual(['step 0', 'step 1', 'step 2']);
    expect(result).toMatchObject({ backend: 'webgpu', tensorsBefore: 4, tensorsAfter: 4 });
    expect(result).not.toHaveProperty('type');
  });

  it('cancels a running job', async () => {
    const client = new EngineClient(new LoopbackWorker(fakeDeps()));
    await client.init();
    const job = client.crossCheck(opts, (p) => {
      if (p.done === 1) job.cancel();
    });
    await expect(job.result).rejects.toMatchObject({ kind: 'cancelled' });
  });

  it('rejects invalid options with the worker’s reason', async () => {
    const client = new EngineClient(new LoopbackWorker(fakeDeps()));
    await client.init();
    await expect(client.crossCheck({ ...opts, n: 0 }).result).rejects.toThrow(/n must be/);
  });

  it('tells listeners about a lost device and fails later jobs', async () => {
    const deps = fakeDeps();
    const client = new EngineClient(new LoopbackWorker(deps));
    await client.init();
    const lost: string[] = [];
    client.onDeviceLost((m) => lost.push(m));
    deps.lose?.('GPU device lost: test');
    await tick();
    expect(lost).toEqual(['GPU device lost: test']);
    await expect(client.crossCheck(opts).result).rejects.toThrow(/restart the engine/);
  });

  it('rejects pending jobs when the worker crashes or is terminated', async () => {
    const worker = new LoopbackWorker(fakeDeps());
    const client = new EngineClient(worker);
    const crashes: string[] = [];
    client.onCrash((m) => crashes.push(m));
    const pending = client.init();
    worker.onmessage?.({ data: { type: 'nonsense' } } as MessageEvent);
    await expect(pending).rejects.toBeInstanceOf(EngineError);
    expect(crashes[0]).toMatch(/unreadable message/);

    const job = client.crossCheck(opts);
    client.terminate();
    expect(worker.terminated).toBe(true);
    await expect(job.result).rejects.toMatchObject({ kind: 'terminated' });
    await expect(client.init()).rejects.toMatchObject({ kind: 'terminated' });
  });
});
