import { describe, expect, it } from 'vitest';
import type { BackendName, BackendReport } from '../engine/backend';
import type { CrossCheckHooks, CrossCheckOptions, CrossCheckReport } from '../engine/crossCheck';
import { EngineClient, EngineError, EngineStoppedError, type WorkerLike } from './engineClient';
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
    await expect(client.crossCheck({ ...opts, n: 0 }).result).rejects.toThrow(
      /invalid crossCheck request: n: expected an integer in \[1, 1024\], got 0/,
    );
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

/** A call that never yields: it ignores the abort signal, as a GPU readback in flight does. */
const stuck = (): Promise<CrossCheckReport> => new Promise(() => {});

/** Workers made by a factory, each with its own engine host; `deps(k)` for the k-th worker. */
function workerFactory(deps: (k: number) => EngineDeps) {
  const made: LoopbackWorker[] = [];
  const sent: EngineRequest[][] = [];
  const factory = () => {
    const k = made.length;
    const w = new LoopbackWorker(deps(k));
    const post = w.postMessage.bind(w);
    sent.push([]);
    w.postMessage = (m) => {
      sent[k].push(m);
      post(m);
    };
    made.push(w);
    return w;
  };
  return { factory, made, sent };
}

const GRACE_MS = 30;

describe('EngineClient: a cancel the worker does not yield to', () => {
  it('keeps the worker when the job ends within the grace period', async () => {
    const { factory, made } = workerFactory(() => fakeDeps());
    const client = new EngineClient(factory, { cancelGraceMs: GRACE_MS });
    await client.init();
    const job = client.crossCheck(opts);
    job.cancel();
    await expect(job.result).rejects.toMatchObject({ kind: 'cancelled' });
    await new Promise((r) => setTimeout(r, GRACE_MS * 3));
    expect(made).toHaveLength(1);
    expect(made[0].terminated).toBe(false);
    expect((await client.crossCheck(opts).result).backend).toBe('webgpu');
  });

  it('terminates it after the grace period, starts a fresh one the same way, and goes on', async () => {
    const { factory, made, sent } = workerFactory((k) =>
      fakeDeps(k === 0 ? { crossCheck: stuck } : {}),
    );
    const client = new EngineClient(factory, { cancelGraceMs: GRACE_MS });
    await client.init(['wasm', 'cpu']);
    const job = client.crossCheck(opts);
    const queued = client.crossCheck(opts);
    await tick(); // the call is in flight
    const t0 = performance.now();
    job.cancel();
    const err = await job.result.catch((e: unknown) => e);
    const waited = performance.now() - t0;
    expect(err).toBeInstanceOf(EngineStoppedError);
    expect(err).toMatchObject({ kind: 'stopped', message: /did not yield/ });
    expect(waited).toBeGreaterThanOrEqual(GRACE_MS - 1);
    expect(waited).toBeLessThan(GRACE_MS + 500);
    // The job queued behind it (nobody cancelled it) runs on the fresh worker.
    expect((await queued.result).backend).toBe('webgpu');
    expect(made).toHaveLength(2);
    expect(made[0].terminated).toBe(true);
    expect(made[0].onmessage).toBeNull();
    // The fresh worker was initialised with the first init's order, before anything else.
    expect(sent[1][0]).toMatchObject({ type: 'init', order: ['wasm', 'cpu'] });
    expect((await (err as EngineStoppedError).fresh).name).toBe('wasm');
    // Later jobs run in the fresh worker.
    expect((await client.crossCheck(opts).result).backend).toBe('webgpu');
    expect(sent[1].map((m) => m.type)).toEqual(['init', 'crossCheck', 'crossCheck']);
    expect(sent[1][1].id).toBe(queued.id);
  });

  it('ends every cancelled job with the stopped worker', async () => {
    const { factory } = workerFactory((k) => fakeDeps(k === 0 ? { crossCheck: stuck } : {}));
    const client = new EngineClient(factory, { cancelGraceMs: GRACE_MS });
    await client.init();
    const job = client.crossCheck(opts);
    const queued = client.crossCheck(opts);
    await tick();
    job.cancel();
    queued.cancel();
    await expect(job.result).rejects.toMatchObject({ kind: 'stopped', message: /did not yield/ });
    await expect(queued.result).rejects.toMatchObject({ kind: 'stopped', message: /another job/ });
  });

  it('ignores what the old worker still sends after it was replaced', async () => {
    const { factory, made } = workerFactory((k) => fakeDeps(k === 0 ? { crossCheck: stuck } : {}));
    const client = new EngineClient(factory, { cancelGraceMs: GRACE_MS });
    await client.init();
    const crashes: string[] = [];
    client.onCrash((m) => crashes.push(m));
    const old = made[0];
    const grab = old.onmessage;
    const job = client.crossCheck(opts);
    await tick(); // the call is in flight
    job.cancel();
    await expect(job.result).rejects.toMatchObject({ kind: 'stopped' });
    grab?.({ data: { type: 'nonsense' } } as MessageEvent);
    expect(crashes).toEqual([]);
    expect((await client.crossCheck(opts).result).backend).toBe('webgpu');
  });

  it('reports a crash when the fresh engine cannot start', async () => {
    const { factory } = workerFactory((k) =>
      fakeDeps(
        k === 0
          ? { crossCheck: stuck }
          : { init: async () => Promise.reject(new Error('adapter busy')) },
      ),
    );
    const client = new EngineClient(factory, { cancelGraceMs: GRACE_MS });
    await client.init();
    const crashes: string[] = [];
    client.onCrash((m) => crashes.push(m));
    const job = client.crossCheck(opts);
    await tick(); // the call is in flight
    job.cancel();
    const err = (await job.result.catch((e: unknown) => e)) as EngineStoppedError;
    await expect(err.fresh).rejects.toMatchObject({ kind: 'initFailed' });
    await tick();
    expect(crashes).toEqual(['the fresh engine did not start: adapter busy']);
  });

  it('without a factory, stops for good: later jobs are refused', async () => {
    const worker = new LoopbackWorker(fakeDeps({ crossCheck: stuck }));
    const client = new EngineClient(worker, { cancelGraceMs: GRACE_MS });
    await client.init();
    const job = client.crossCheck(opts);
    await tick(); // the call is in flight
    job.cancel();
    await expect(job.result).rejects.toMatchObject({ kind: 'stopped' });
    expect(worker.terminated).toBe(true);
    await expect(client.crossCheck(opts).result).rejects.toMatchObject({ kind: 'terminated' });
  });
});
