import { PrecomputedChart } from '../complexity/PrecomputedChart';
import {
  BoundedEntriesFigure,
  FlopsMemoryFigure,
  ModFigure,
  PerformerFigure,
  RankLimitFigure,
} from '../hardness/figures';
import { LayerStoryFigure } from '../layers/LayerStoryFigure';
import type { StoryFigureId } from './storySteps';
import '../hardness/hardness.css';

/** The figure beside each step: a measured chart or a live experiment, full-size on its screen. */
export function StoryFigure({ id }: { id: StoryFigureId }) {
  return <div className="story-figure">{figure(id)}</div>;
}

function figure(id: StoryFigureId) {
  switch (id) {
    case 'time':
      return <PrecomputedChart panel="time" variants={['dense', 'flash', 'window', 'performer']} />;
    case 'boundedEntries':
      return <BoundedEntriesFigure />;
    case 'frontier':
      return <PrecomputedChart panel="frontier" />;
    case 'performerAndRank':
      return (
        <>
          <PerformerFigure />
          <RankLimitFigure />
        </>
      );
    case 'mod':
      return <ModFigure />;
    case 'flopsMemory':
      return <FlopsMemoryFigure />;
    case 'residualFlow':
      return <LayerStoryFigure view="flow" models={['pre', 'post']} />;
    case 'depthNext':
      return <LayerStoryFigure view="depth" models={['attnres', 'mod', 'moda']} />;
  }
}
