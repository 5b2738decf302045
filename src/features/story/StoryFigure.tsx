import { PrecomputedChart } from '../complexity';
import { BoundedEntriesFigure, ModFigure } from '../hardness';
import { LayerStoryFigure } from '../layers';
import { FlashFigure } from './FlashFigure';
import { RecapFigure } from './RecapFigure';
import type { StoryFigureId } from './storySteps';
import { ToyAttentionFigure } from './ToyAttentionFigure';
import { TradeoffFigure } from './TradeoffFigure';
import { FAILS_INPUT, WORKS_INPUT } from './tradeoffs';
import '../hardness/hardness.css';

/**
 * The figure beside each step: a measured chart or a live experiment, full-size on its screen.
 * Keyed by the figure, so a step never shows the previous step's results while its own compute:
 * each figure starts from its loading state, which says what it is doing.
 */
export function StoryFigure({ id }: { id: StoryFigureId }) {
  return (
    <div className="story-figure" key={id} data-figure={id}>
      {figure(id)}
    </div>
  );
}

function figure(id: StoryFigureId) {
  switch (id) {
    case 'toy':
      return <ToyAttentionFigure />;
    case 'time':
      return <PrecomputedChart panel="time" variants={['dense', 'flash', 'window', 'performer']} />;
    case 'boundedEntries':
      return <BoundedEntriesFigure />;
    case 'tradeoffWorks':
      return <TradeoffFigure input={WORKS_INPUT} />;
    case 'tradeoffFails':
      return <TradeoffFigure input={FAILS_INPUT} />;
    case 'mod':
      return <ModFigure />;
    case 'flashCompare':
      return <FlashFigure />;
    case 'residualFlow':
      return <LayerStoryFigure view="flow" models={['pre', 'post']} />;
    case 'depthNext':
      return <LayerStoryFigure view="depth" models={['attnres', 'mod', 'moda']} />;
    case 'recap':
      return <RecapFigure />;
  }
}
