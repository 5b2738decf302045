import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

/**
 * The hash sync in Node with a stand-in location, history and window: a navigation changes
 * location.hash at once and fires hashchange later, so a write falling in between must read the
 * new hash, not put the old view back (the story's step links flaked on this).
 */

type Listener = () => void;

function fakeBrowser(hash: string) {
  const listeners: Listener[] = [];
  const location = { hash, pathname: '/', search: '' };
  const history = {
    state: null,
    replaceState: vi.fn((_s: unknown, _t: string, url: string) => {
      location.hash = url.slice(url.indexOf('#'));
    }),
  };
  const window = {
    addEventListener: (_: string, f: Listener) => listeners.push(f),
    removeEventListener: (_: string, f: Listener) => listeners.splice(listeners.indexOf(f), 1),
  };
  vi.stubGlobal('location', location);
  vi.stubGlobal('history', history);
  vi.stubGlobal('window', window);
  const fireHashChange = () => {
    for (const f of listeners) f();
  };
  return { location, history, fireHashChange };
}

describe('startHashSync', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.resetModules();
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('writes a control change back to the hash after the delay', async () => {
    const browser = fakeBrowser('#screen=lab');
    const { startHashSync, WRITE_DELAY_MS } = await import('./hashSync');
    const { useLabStore } = await import('../complexity/labStore');
    const stop = startHashSync();
    useLabStore.getState().setScreen('hardness');
    expect(browser.location.hash).toBe('#screen=lab');
    vi.advanceTimersByTime(WRITE_DELAY_MS);
    expect(browser.location.hash).toMatch(/^#screen=hardness/);
    stop();
  });

  it('a navigation before its hashchange wins over a pending write', async () => {
    const browser = fakeBrowser('#screen=lab');
    const { startHashSync, WRITE_DELAY_MS } = await import('./hashSync');
    const { useLabStore } = await import('../complexity/labStore');
    const stop = startHashSync();
    useLabStore.getState().setScreen('hardness'); // a write is now due
    browser.location.hash = '#screen=story'; // the navigation; its event is still queued
    vi.advanceTimersByTime(WRITE_DELAY_MS);
    expect(browser.history.replaceState).not.toHaveBeenCalled();
    expect(useLabStore.getState().screen).toBe('story');
    browser.fireHashChange();
    vi.advanceTimersByTime(WRITE_DELAY_MS);
    expect(useLabStore.getState().screen).toBe('story');
    expect(browser.location.hash).toMatch(/^#screen=story/);
    stop();
  });
});
