import { describe, expect, it } from 'vitest';
import { EngineError, EngineStoppedError, type Job } from '../worker/engineClient';
import { type FreshEngine, startEngineJob } from './engineJob';

/** A job whose result the test settles by hand, counting cancels. */
function manualJob<T>() {
  let resolve!: (t: T) => void;
  let reject!: (e: unknown) => void;
  const result = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  const job = { id: 1, result, cancels: 0, cancel: () => job.cancels++ };
  return { job: job as Job<T> & { cancels: number }, resolve, reject };
}

/** Every handler call, in order. */
function recorder() {
  const log: unknown[][] = [];
  return {
    log,
    handlers: {
      onProgress: (p: number) => log.push(['progress', p]),
      onResult: (r: string) => log.push(['result', r]),
      onEnding: (e: unknown, stopped: boolean) => log.push(['ending', e, stopped]),
      onFreshEngine: (fresh: FreshEngine) => log.push(['fresh', fresh]),
    },
  };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('the engine job lifecycle every screen shares', () => {
  it('passes progress on and ends once with the result', async () => {
    const { job, resolve } = manualJob<string>();
    const { log, handlers } = recorder();
    const progress: { report?: (p: number) => void } = {};
    const handle = startEngineJob(
      async () => 'engine',
      (engine, onProgress) => {
        expect(engine).toBe('engine');
        progress.report = onProgress;
        return job;
      },
      handlers,
    );
    await tick();
    progress.report?.(1);
    resolve('rows');
    await tick();
    progress.report?.(2); // after the end: nobody hears it
    expect(log).toEqual([
      ['progress', 1],
      ['result', 'rows'],
    ]);
    expect(handle.live).toBe(false);
  });

  it('ends cancelled at once when cancelled before the engine is ready, and never starts the job', async () => {
    let starts = 0;
    const { log, handlers } = recorder();
    let ready!: (e: string) => void;
    const handle = startEngineJob(
      () => new Promise<string>((r) => (ready = r)),
      () => {
        starts++;
        return manualJob<string>().job;
      },
      handlers,
    );
    handle.cancel();
    expect(log).toEqual([['ending', { status: 'cancelled', error: null }, false]]);
    ready('engine');
    await tick();
    expect(starts).toBe(0);
  });

  it('after the start, a cancel asks the job and waits for its answer (a partial result still arrives)', async () => {
    const { job, resolve } = manualJob<string>();
    const { log, handlers } = recorder();
    const handle = startEngineJob(
      async () => 'engine',
      () => job,
      handlers,
    );
    await tick();
    handle.cancel();
    expect(job.cancels).toBe(1);
    expect(log).toEqual([]);
    resolve('partial rows');
    await tick();
    expect(log).toEqual([['result', 'partial rows']]);
  });

  /** What the handlers heard when a started job's result rejected with `err`. */
  async function heardAfterRejecting(err: unknown) {
    const { job, reject } = manualJob<string>();
    const { log, handlers } = recorder();
    startEngineJob(
      async () => 0,
      () => job,
      handlers,
    );
    await tick();
    reject(err);
    await tick();
    await tick();
    return log;
  }

  it('tells a cancel from a failure, and a stopped engine from both, then reports the fresh engine', async () => {
    expect(await heardAfterRejecting(new EngineError('cancelled', 'cancelled'))).toEqual([
      ['ending', { status: 'cancelled', error: null }, false],
    ]);
    expect(await heardAfterRejecting(new EngineError('crashed', 'the worker crashed'))).toEqual([
      ['ending', { status: 'failed', error: 'the worker crashed' }, false],
    ]);
    const fresh = Promise.reject(new Error('no adapter'));
    fresh.catch(() => {});
    expect(await heardAfterRejecting(new EngineStoppedError('stopped the engine', fresh))).toEqual([
      ['ending', { status: 'cancelled', error: 'stopped the engine' }, true],
      ['fresh', { ok: false, error: 'no adapter' }],
    ]);
  });

  it('says the engine did not start, and a start that throws is a failure', async () => {
    const { log, handlers } = recorder();
    startEngineJob(
      () => Promise.reject(new Error('no adapter')),
      () => manualJob<string>().job,
      handlers,
    );
    await tick();
    startEngineJob(
      async () => 0,
      () => {
        throw new Error('bad request');
      },
      handlers,
    );
    await tick();
    expect(log).toEqual([
      ['ending', { status: 'failed', error: 'the engine did not start: no adapter' }, false],
      ['ending', { status: 'failed', error: 'bad request' }, false],
    ]);
  });

  it('a dropped job is cancelled and silent', async () => {
    const { job, resolve } = manualJob<string>();
    const { log, handlers } = recorder();
    const handle = startEngineJob(
      async () => 0,
      () => job,
      handlers,
    );
    await tick();
    handle.drop();
    expect(job.cancels).toBe(1);
    resolve('late');
    await tick();
    expect(log).toEqual([]);
    expect(handle.live).toBe(false);
  });
});
