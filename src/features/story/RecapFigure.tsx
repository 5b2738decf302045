import { RichText } from '../../shared/RichText';
import { STORY_STEPS } from './storySteps';

/** What each step showed, one line each, with a link back to the step and to its screen. */
const SEEN: Record<string, string> = {
  attention:
    'Attention scores every query against every key: an $n \\times n$ matrix of scores, a softmax per row, a weighted average of values.',
  quadratic: 'Measured time of exact attention grows like $n^2$ at large $n$.',
  unavoidable:
    'Under SETH no algorithm beats $n^2$ in general; fixed-budget approximations break once entries grow past $\\sqrt{\\log n}$.',
  'trade-offs':
    'On banded keys window attention is faster than dense and close to it; variants whose assumptions do not hold are no better than zeros.',
  'when-they-fail':
    'On clustered keys the same window is useless; kernel and low-rank methods have provable limits for sharp attention.',
  'mixture-of-depths':
    'Routing $c \\cdot n$ tokens saves a constant factor $c^2$; the exponent stays 2.',
  flash:
    'Tiling keeps memory linear in $n$ at the same FLOPs; a fused kernel also cuts the time constant, composed tiling does not.',
  residuals:
    'PreNorm lets the residual stream grow so later updates shrink; PostNorm renormalises every block.',
  next: 'Depth attention and attention residuals spend attention across layers as well as tokens.',
};

export function RecapFigure() {
  return (
    <ol className="story-recap">
      {STORY_STEPS.filter((s) => s.id in SEEN).map((s) => (
        <li key={s.id}>
          <a href={`#screen=story&step=${s.id}`}>{s.short}</a>: <RichText source={SEEN[s.id]} />{' '}
          <a className="story-recap-open" href={`#${s.open.hash}`}>
            {s.open.label}
          </a>
        </li>
      ))}
    </ol>
  );
}

export const RECAP_LINES = SEEN;
