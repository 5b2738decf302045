import { create } from 'zustand';
import { parseLabHash } from './model/labHash';
import type { EmbedPanel, HideGroup } from './model/viewFlags';

/** The view flags from the URL (lesson `hide=` groups, `embed=` panel) and the current hash. */
export interface ViewState {
  hide: HideGroup[];
  embed: EmbedPanel | null;
  /** The hash last written or read (with `#`), for links that keep the current config. */
  hash: string;
}

const initial = parseLabHash(globalThis.location?.hash ?? '');

export const useViewStore = create<ViewState>()(() => ({
  hide: initial.hide,
  embed: initial.embed,
  hash: globalThis.location?.hash ?? '',
}));
