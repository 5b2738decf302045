import { create } from 'zustand';
import { registerHashPart } from '../../shared/hashParts';
import { hashParams } from '../complexity/model/labHash';
import { type ConfigKey, type HardnessConfig, rankFor } from './model/config';
import { encodeHardnessHash, HASH_PREFIX, parseHardnessHash } from './model/hardnessHash';

/**
 * The hardness lab's controls (plain data, in the URL through a hash part). Results are not
 * here: each figure runs and keeps its own, so the story can show a figure alone.
 */
export interface HardnessState {
  config: HardnessConfig;
  set<K extends ConfigKey>(key: K, value: HardnessConfig[K]): void;
}

const initial = parseHardnessHash(hashParams(globalThis.location?.hash ?? '')).config;

export const useHardnessStore = create<HardnessState>()((set) => ({
  config: initial,
  set: (key, value) =>
    set((s) => {
      const config = { ...s.config, [key]: value };
      // A smaller n may leave the rank at or above it.
      if (key === 'rankN') config.rankM = rankFor(config.rankN, config.rankM);
      return { config };
    }),
}));

registerHashPart({
  name: 'hardness',
  owns: (key) => key.startsWith(HASH_PREFIX),
  encode: () => encodeHardnessHash(useHardnessStore.getState().config),
  apply: (params) => {
    const { config, notices } = parseHardnessHash(params);
    const now = useHardnessStore.getState().config;
    if (encodeHardnessHash(now).join('&') !== encodeHardnessHash(config).join('&')) {
      useHardnessStore.setState({ config });
    }
    return notices;
  },
  subscribe: (onChange) =>
    useHardnessStore.subscribe((s, prev) => {
      if (s.config !== prev.config) onChange();
    }),
});
