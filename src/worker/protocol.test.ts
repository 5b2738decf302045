import { describe, expect, it } from 'vitest';
import { isBackendName, isEngineResponse, isFinal, parseRequest } from './protocol';

const crossCheck = { type: 'crossCheck', id: 2, n: 64, d: 16, heads: 2, seed: 1, causal: true };

describe('parseRequest', () => {
  it('accepts the three request types', () => {
    expect(parseRequest({ type: 'init', id: 1 })).toEqual({
      ok: true,
      request: { type: 'init', id: 1 },
    });
    expect(parseRequest({ type: 'init', id: 1, order: ['wasm', 'cpu'] }).ok).toBe(true);
    expect(parseRequest(crossCheck).ok).toBe(true);
    expect(parseRequest({ type: 'cancel', id: 2 }).ok).toBe(true);
  });

  it.each([
    [null, /object with a string "type"/],
    ['init', /object with a string "type"/],
    [{ type: 'bogus', id: 1 }, /unknown request type "bogus"/],
    [{ type: 'init' }, /non-negative integer id/],
    [{ type: 'init', id: -1 }, /non-negative integer id/],
    [{ type: 'init', id: 1.5 }, /non-negative integer id/],
    [{ type: 'init', id: 1, order: [] }, /order must be a non-empty list/],
    [{ type: 'init', id: 1, order: ['webgpu', 'metal'] }, /order must be/],
    [{ ...crossCheck, n: 0 }, /n must be an integer in \[1, 1024\], got 0/],
    [{ ...crossCheck, n: 4096 }, /n must be an integer in \[1, 1024\]/],
    [{ ...crossCheck, d: 2.5 }, /d must be an integer/],
    [{ ...crossCheck, heads: '2' }, /heads must be an integer/],
    [{ ...crossCheck, seed: -1 }, /seed must be an integer/],
    [{ ...crossCheck, causal: 'yes' }, /causal must be true or false/],
  ])('rejects %j', (msg, why) => {
    const parsed = parseRequest(msg);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatch(why);
  });
});

describe('response guards', () => {
  it('recognises well-formed responses', () => {
    expect(isEngineResponse({ type: 'progress', id: 1, done: 1, total: 2, label: 'x' })).toBe(true);
    expect(isEngineResponse({ type: 'deviceLost', message: 'gone' })).toBe(true);
    expect(isEngineResponse({ type: 'error', id: null, message: 'bad' })).toBe(true);
    expect(isEngineResponse({ type: 'cancelled', id: 3 })).toBe(true);
  });

  it('rejects unknown or malformed ones', () => {
    expect(isEngineResponse({ type: 'hello', id: 1 })).toBe(false);
    expect(isEngineResponse({ type: 'ready' })).toBe(false);
    expect(isEngineResponse({ type: 'deviceLost' })).toBe(false);
    expect(isEngineResponse({ type: 'error', id: 1 })).toBe(false);
    expect(isEngineResponse(undefined)).toBe(false);
  });

  it('marks only final messages as final', () => {
    expect(isFinal({ type: 'progress', id: 1, backend: 'cpu', done: 0, total: 1, label: '' })).toBe(
      false,
    );
    expect(isFinal({ type: 'deviceLost', message: '' })).toBe(false);
    expect(isFinal({ type: 'cancelled', id: 1 })).toBe(true);
    expect(isFinal({ type: 'initFailed', id: 1, error: 'x' })).toBe(true);
  });

  it('knows the backend names', () => {
    expect(['webgpu', 'webgl', 'wasm', 'cpu'].every(isBackendName)).toBe(true);
    expect(isBackendName('WEBGPU')).toBe(false);
    expect(isBackendName(3)).toBe(false);
  });
});
