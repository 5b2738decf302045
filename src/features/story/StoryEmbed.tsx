import { citation } from '../../core/sources';
import { Formula } from '../../shared/Formula';
import { NoticeList, useLabStore } from '../complexity';
import { currentBackend, currentView, encodeLabHash, pageBase } from '../share';
import { StoryFigure } from './StoryFigure';
import { STORY_STEPS } from './storySteps';
import { useStoryStore } from './storyStore';
import '../share/share.css';
import './story.css';

/**
 * `#embed=story&step=<id>`: one step's question and figure alone, for an iframe in a blog post.
 * The figure computes in the reader's browser as it does in the story (the engine starts when
 * the figure asks for it); the formula and sources stay beside it, and a link opens the step.
 */
export function StoryEmbed() {
  const step = STORY_STEPS[useStoryStore((s) => s.step)];
  const notices = useLabStore((s) => s.notices);
  const full = `${pageBase(location)}${encodeLabHash(
    { ...currentView(), screen: 'story', embed: null, hide: [] },
    currentBackend(),
  )}`;
  return (
    <main
      className="embed story-embed"
      data-panel="story"
      aria-label={`Attention Explorer: ${step.question}`}
    >
      <div className="embed-bar">
        <strong className="embed-line story-embed-question">{step.question}</strong>
        <a className="embed-open" href={full} target="_blank" rel="noopener noreferrer">
          Open in Attention Explorer
        </a>
      </div>
      <div className="embed-panel">
        <StoryFigure id={step.figure} />
      </div>
      <p className="story-embed-source">
        <Formula tex={step.formula.tex} alt={step.formula.alt} /> ·{' '}
        {step.sources.map(citation).join('; ')}
      </p>
      <NoticeList notices={notices} />
    </main>
  );
}
