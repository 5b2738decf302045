import { create } from 'zustand';
import { isObject } from '../../core/fieldChecks';
import { registerHashPart } from '../../shared/hashParts';
import { useLabFiles } from './labFiles';
import { IDLE_RUN } from './labRun';
import { useLabStore } from './labStore';
import { dateOf, type ResultSet } from './precomputed';
import { decodeResults } from './resultsLink';

/**
 * A link's `r=` value: the sender's measured results. Decoded (async) and shown as the lab's run
 * with source 'shared'; once the receiver runs their own sweep, the shared run stays overlaid as
 * the comparison (B). A value that cannot be shown leaves the pre-computed run with a notice.
 */

export const RESULTS_KEY = 'r';

export interface SharedRunState {
  /** The results the link carried, once decoded and checked. */
  set: ResultSet | null;
}

export const useSharedRun = create<SharedRunState>()(() => ({ set: null }));

const addNotice = (notice: string) =>
  useLabStore.setState((s) => ({ notices: [...s.notices, notice] }));

/** Each new `r=` value supersedes a decode still under way. */
let latest = 0;

/** Decode `r=` and show it; a bad value gets a notice and the pre-computed run stays. */
export async function showSharedResults(value: string): Promise<void> {
  const token = ++latest;
  const set = await decodeResults(value);
  if (token !== latest) return;
  if (typeof set === 'string') {
    addNotice(
      `Ignored the results in the link (r=, ${value.length} characters): ${set}; showing the pre-computed run.`,
    );
    return;
  }
  if (useLabStore.getState().run.status === 'running') {
    addNotice('The results in the link were not shown: a run of your own is in progress.');
    return;
  }
  useSharedRun.setState({ set });
  useLabStore.setState({ run: { ...IDLE_RUN, source: 'shared', ...set } });
}

registerHashPart({
  name: 'results',
  owns: (key) => key === RESULTS_KEY,
  // The address bar never carries results: only the Share dialog's link does.
  encode: () => [],
  apply: (params) => {
    const value = params.get(RESULTS_KEY);
    if (value !== null) void showSharedResults(value);
    return [];
  },
  subscribe: () => () => {},
});

// The receiver's own run: keep the sender's beside it as the comparison.
useLabStore.subscribe((s, prev) => {
  const shared = useSharedRun.getState().set;
  if (!shared || s.run.source !== 'live' || prev.run.source !== 'shared') return;
  if (useLabFiles.getState().compare === null) {
    useLabFiles.setState({ compare: { name: 'the shared run', set: shared } });
  }
});

/** "Google swiftshader (software adapter)", the CPU or the browser: the device of a result. */
export function deviceOf(p: Record<string, unknown>): string {
  const a = isObject(p.adapter) ? p.adapter : null;
  if (a) {
    const name = [a.vendor, a.architecture].filter((x) => typeof x === 'string' && x).join(' ');
    const soft = a.isFallbackAdapter === true ? ' (software adapter)' : '';
    return `${name || 'an adapter that gives no name'}${soft}`;
  }
  if (typeof p.cpu === 'string' && p.cpu) return p.cpu;
  return 'no GPU adapter';
}

/** "Shared run: measured on Google swiftshader (software adapter), webgpu, 2026-12-05". */
export function sharedRunLine(p: Record<string, unknown>): string {
  const backend = typeof p.backend === 'string' && p.backend ? p.backend : 'an unknown backend';
  return `Shared run: measured on ${deviceOf(p)}, ${backend}, ${dateOf(p)}`;
}
