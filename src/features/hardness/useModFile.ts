import { useEffect, useState } from 'react';
import { messageOf } from '../../core/messageOf';
import { loadModFile, type ModFile } from './model/modFile';

/** The shipped Mixture-of-Depths file, fetched once per page (again after a failure). */

export type ModFileState =
  | { state: 'loading' }
  | { state: 'loaded'; file: ModFile }
  | { state: 'failed'; error: string };

let shared: Promise<ModFile> | null = null;

export function useModFile(load: () => Promise<ModFile> = loadModFile): ModFileState {
  const [state, setState] = useState<ModFileState>({ state: 'loading' });
  useEffect(() => {
    let mounted = true;
    const pending = shared ?? load();
    shared = pending;
    pending.then(
      (file) => mounted && setState({ state: 'loaded', file }),
      (err: unknown) => {
        if (shared === pending) shared = null;
        if (mounted) setState({ state: 'failed', error: messageOf(err) });
      },
    );
    return () => {
      mounted = false;
    };
  }, [load]);
  return state;
}
