import { useEffect } from 'react';
import { useViewStore } from '../complexity';
import { hashParams } from '../complexity/model/labHash';
import { StoryFigure } from './StoryFigure';
import { StoryStepText } from './StoryStepText';
import { STORY_STEPS } from './storySteps';
import { useStoryStore } from './storyStore';
import './story.css';

/** A step's own link: the current hash with `screen=story&step=<id>` (backend etc. kept). */
function stepHref(hash: string, k: number): string {
  const p = hashParams(hash);
  p.set('screen', 'story');
  p.set('step', STORY_STEPS[k].id);
  return `#${p.toString()}`;
}

/**
 * The guided story: the seed's questions in order, one step at a time, each with its figure.
 * Previous / Next buttons, the ← and → keys, and a list of every step's own link.
 */
export function GuidedStory() {
  const step = useStoryStore((s) => s.step);
  const go = useStoryStore((s) => s.go);
  const hash = useViewStore((s) => s.hash);
  const current = STORY_STEPS[step];
  const last = STORY_STEPS.length - 1;

  // ← and → turn the page wherever focus is, except in form fields (they use the arrows).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      if (t && (['INPUT', 'SELECT', 'TEXTAREA'].includes(t.tagName) || t.isContentEditable)) return;
      if (e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
      const k = useStoryStore.getState().step;
      if (e.key === 'ArrowRight' && k < last) go(k + 1);
      else if (e.key === 'ArrowLeft' && k > 0) go(k - 1);
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [go, last]);

  return (
    <div className="page story">
      <nav className="story-steps" aria-label="Story steps">
        <ol>
          {STORY_STEPS.map((s, k) => (
            <li key={s.id}>
              <a
                href={stepHref(hash, k)}
                aria-current={k === step ? 'step' : undefined}
                className="story-step-link"
                title={s.question}
              >
                <span className="story-step-number">{k + 1}</span> {s.short}
              </a>
            </li>
          ))}
        </ol>
      </nav>
      <article className="panel story-card" aria-labelledby="story-question">
        <p className="muted story-position" aria-live="polite">
          Step {step + 1} of {STORY_STEPS.length}
        </p>
        <h2 id="story-question">{current.question}</h2>
        <div className="story-body">
          <StoryStepText step={current} />
          <StoryFigure id={current.figure} />
        </div>
        <div className="story-nav">
          <button
            type="button"
            className="button"
            onClick={() => go(step - 1)}
            disabled={step === 0}
          >
            ← Previous
          </button>
          <a className="story-open" href={`#${current.open.hash}`}>
            {current.open.label}
          </a>
          <button
            type="button"
            className="button primary"
            onClick={() => go(step + 1)}
            disabled={step === last}
          >
            Next →
          </button>
        </div>
      </article>
    </div>
  );
}
