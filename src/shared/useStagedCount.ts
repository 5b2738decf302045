import { useEffect, useState } from 'react';

/**
 * How many of `total` heavy children to mount: all at once when `staged` is false; otherwise none
 * at first (the rest of the screen draws in its own task) and one more per macrotask, so that each
 * one's render is its own task and no single task blocks the page (a 65 000-row file draws chart
 * by chart). Starts again when `key` changes.
 */
export function useStagedCount(total: number, staged: boolean, key: unknown): number {
  const [state, setState] = useState({ key, count: staged ? 0 : total });
  const count = state.key === key ? state.count : staged ? 0 : total;
  useEffect(() => {
    if (!staged || count >= total) return;
    const id = setTimeout(() => setState({ key, count: count + 1 }), 0);
    return () => clearTimeout(id);
  }, [staged, count, total, key]);
  return staged ? count : total;
}
