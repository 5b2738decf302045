import { describe, expect, it } from 'vitest';
import { EngineError, EngineStoppedError } from '../worker/engineClient';
import { jobEnding } from './jobEnding';

describe('a job that ends without a result', () => {
  it('is cancelled when the engine stopped between calls', () => {
    expect(jobEnding(new EngineError('cancelled', 'cancelled'))).toEqual({
      status: 'cancelled',
      error: null,
    });
  });

  it('is cancelled, and says why, when the call in flight did not yield and the worker was replaced', () => {
    const fresh = new Promise<never>(() => {});
    const ending = jobEnding(
      new EngineStoppedError('stopped the engine: the call in flight did not yield', fresh),
    );
    expect(ending).toEqual({
      status: 'cancelled',
      error: 'stopped the engine: the call in flight did not yield',
    });
  });

  it('failed for anything else', () => {
    expect(jobEnding(new EngineError('crashed', 'the worker crashed'))).toEqual({
      status: 'failed',
      error: 'the worker crashed',
    });
    expect(jobEnding(new Error('boom')).status).toBe('failed');
    expect(jobEnding(new Error('boom')).status).not.toBe('cancelled');
    expect(jobEnding(new EngineError('cancelled', 'cancelled')).status).toBe('cancelled');
  });
});
