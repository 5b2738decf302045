import { create } from 'zustand';
import { quoted } from '../../core/text';
import { registerHashPart } from '../../shared/hashParts';
import { findStep, STORY_STEPS } from './storySteps';

/** The story's position (0-based), kept in the URL as `step=<id>`. */
export interface StoryState {
  step: number;
  go(step: number): void;
}

const clamp = (k: number) => Math.min(STORY_STEPS.length - 1, Math.max(0, k));

export const useStoryStore = create<StoryState>()((set) => ({
  step: 0,
  go: (step) => set({ step: clamp(step) }),
}));

registerHashPart({
  name: 'story',
  owns: (key) => key === 'step',
  encode: () => {
    const { step } = useStoryStore.getState();
    return step === 0 ? [] : [['step', STORY_STEPS[step].id]];
  },
  apply: (params) => {
    const raw = params.get('step');
    if (raw === null) {
      useStoryStore.setState({ step: 0 });
      return [];
    }
    const step = findStep(raw);
    useStoryStore.setState({ step: step ?? 0 });
    if (step !== null) return [];
    const shown = quoted(raw);
    return [
      `Ignored step="${shown}" from the URL (valid: ${STORY_STEPS.map((s) => s.id).join(', ')}, or 1–${STORY_STEPS.length}); showing the first step.`,
    ];
  },
  subscribe: (onChange) => useStoryStore.subscribe((s, prev) => s.step !== prev.step && onChange()),
});
