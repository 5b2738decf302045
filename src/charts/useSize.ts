import { type RefObject, useLayoutEffect, useState } from 'react';

/**
 * Width of an element in px, kept up to date with a ResizeObserver, and whether it has been
 * measured yet. The first measure happens in a layout effect, so the re-render at the real
 * width comes before the first paint; until then `width` is `fallback`.
 */
export function useMeasuredWidth(
  ref: RefObject<HTMLElement | null>,
  fallback = 640,
): { width: number; measured: boolean } {
  const [width, setWidth] = useState<number | null>(null);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    // The content box, as the observer reports it (the padding left out).
    const style = getComputedStyle(el);
    const padding = Number.parseFloat(style.paddingLeft) + Number.parseFloat(style.paddingRight);
    const now = Math.floor(el.clientWidth - (padding || 0));
    if (now > 0) setWidth(now);
    const observer = new ResizeObserver(([entry]) => {
      const w = Math.floor(entry.contentRect.width);
      if (w > 0) setWidth(w);
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return { width: width ?? fallback, measured: width !== null };
}

/** Width of an element in px (`fallback` until measured). */
export const useWidth = (ref: RefObject<HTMLElement | null>, fallback = 640): number =>
  useMeasuredWidth(ref, fallback).width;
