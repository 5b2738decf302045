import { describe, expect, it } from 'vitest';
import { initBackend } from '../engine/backend';
import { EngineClient, type WorkerLike } from './engineClient';
import { createEngineHost } from './engineHost';
import { hardnessDeps } from './hardnessEngine';
import type { HardnessProgress } from './hardnessProtocol';
import type { EngineRequest } from './protocol';

/** The hardness job end to end through the client and the host (structured clones, cpu). */
function loopback(): WorkerLike {
  const worker: WorkerLike = {
    onmessage: null,
    onerror: null,
    postMessage: (message: EngineRequest) => {
      const data = structuredClone(message);
      queueMicrotask(() => handle(data));
    },
    terminate: () => {},
  };
  const handle = createEngineHost(
    {
      init: () => initBackend(['cpu']),
      crossCheck: () => Promise.reject(new Error('not used')),
      hardness: hardnessDeps,
    },
    (r) => {
      const data = structuredClone(r);
      queueMicrotask(() => worker.onmessage?.({ data } as MessageEvent));
    },
  );
  return worker;
}

describe('EngineClient.hardness', () => {
  it('streams progress and resolves with the outcome', async () => {
    const client = new EngineClient(loopback());
    await client.init(['cpu']);
    const seen: HardnessProgress[] = [];
    const job = client.hardness(
      { kind: 'mod', ns: [32, 64], d: 8, capacity: 0.5, repeats: 1, seed: 1 },
      (p) => seen.push(p),
    );
    const out = await job.result;
    expect(seen.map((p) => p.label)).toEqual(['n = 32', 'n = 64']);
    expect(out.result.kind).toBe('mod');
    expect(out.backend).toBe('cpu');
    expect(out.tensors.before).toBe(out.tensors.after);
  });

  it('rejects an invalid experiment with the reason', async () => {
    const client = new EngineClient(loopback());
    await client.init(['cpu']);
    const job = client.hardness({
      kind: 'rankLimit',
      pattern: 'identity',
      n: 8,
      m: 8,
      taus: [1],
    });
    await expect(job.result).rejects.toThrow(
      /experiment\.m: expected an integer in \[1, 7\] \(below n\), got 8/,
    );
  });
});
