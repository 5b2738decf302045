import type { StoryStep } from './storySteps';

/** A step's sentences, its formula and its sources (authors, year, arXiv id, linked). */
export function StoryStepText({ step }: { step: StoryStep }) {
  return (
    <div className="story-text">
      {step.sentences.map((s) => (
        <p key={s}>{s}</p>
      ))}
      <p className="story-formula">
        <span className="muted">Formula: </span>
        <code>{step.formula}</code>
      </p>
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
