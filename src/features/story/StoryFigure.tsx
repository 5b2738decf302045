import { PrecomputedChart } from '../complexity/PrecomputedChart';
import type { StoryFigureId } from './storySteps';

/** The figure beside each step: a measured chart or a live experiment, full-size on its screen. */
export function StoryFigure({ id }: { id: StoryFigureId }) {
  return <div className="story-figure">{figure(id)}</div>;
}

function figure(id: StoryFigureId) {
  switch (id) {
    case 'time':
      return <PrecomputedChart panel="time" variants={['dense', 'flash', 'window', 'performer']} />;
    case 'frontier':
      return <PrecomputedChart panel="frontier" />;
    default:
      return <p className="lab-empty">(figure {id} pending)</p>;
  }
}
