import { Formula } from '../../shared/Formula';
import { RichText } from '../../shared/RichText';
import type { StoryStep } from './storySteps';

/** A step's sentences, its formula and its sources (authors, year, arXiv id, linked). */
export function StoryStepText({ step }: { step: StoryStep }) {
  return (
    <div className="story-text">
      {step.sentences.map((s) => (
        <p key={s}>
          <RichText source={s} />
        </p>
      ))}
      <div className="story-formula">
        <Formula tex={step.formula.tex} alt={step.formula.alt} display />
      </div>
      <ul className="story-sources" aria-label="Sources">
        {step.sources.map((s) => (
          <li key={s.arxiv}>
            {s.authors} ({s.year}), <cite>{s.title}</cite>,{' '}
            <a href={`https://arxiv.org/abs/${s.arxiv}`} rel="noopener noreferrer" target="_blank">
              arXiv:{s.arxiv}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
