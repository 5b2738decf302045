import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { KERNEL_TIME_LIMIT_S, kernelPointWatch } from './kernelTimeLimit';

const at = (phase: 'start' | 'done', variant: string, n: number) => ({
  phase,
  variant,
  n,
  step: 1,
  total: 4,
});

describe('kernelPointWatch', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());
  const limitMs = (repeats: number) => (repeats + 1) * KERNEL_TIME_LIMIT_S * 1000;

  it('fires with n when a point of the kernel runs past (repeats + 1) limits', () => {
    const late = vi.fn();
    const watch = kernelPointWatch('mine', 2, late);
    watch.progress(at('start', 'mine', 512));
    vi.advanceTimersByTime(limitMs(2) - 1);
    expect(late).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(late).toHaveBeenCalledWith(512);
  });

  it('is disarmed when the point finishes, and never armed for other variants', () => {
    const late = vi.fn();
    const watch = kernelPointWatch('mine', 1, late);
    watch.progress(at('start', 'mine', 64));
    watch.progress(at('done', 'mine', 64));
    watch.progress(at('start', 'dense', 128));
    vi.advanceTimersByTime(10 * limitMs(1));
    expect(late).not.toHaveBeenCalled();
  });

  it('stop() disarms a running point', () => {
    const late = vi.fn();
    const watch = kernelPointWatch('mine', 1, late);
    watch.progress(at('start', 'mine', 64));
    watch.stop();
    vi.advanceTimersByTime(10 * limitMs(1));
    expect(late).not.toHaveBeenCalled();
  });
});
