import { type ComponentType, lazy, Suspense, useEffect } from 'react';
import { ErrorBoundary } from '../charts/ErrorBoundary';
import { ComplexityLab, useViewStore } from '../features/complexity';
import { isLabPanel } from '../features/complexity/model/viewFlags';
import { EmbedView, startHashSync } from '../features/share';
// The screens' stores load with the page: their URL keys are read at start, before the screen's
// code (loaded on first visit, below) arrives.
import '../features/hardness/hardnessStore';
import '../features/layers/layersStore';
import '../features/story/storyStore';
import { Notices, useLabStore } from '../features/complexity';
import type { Screen } from '../features/complexity/model/labHash';
import { StatusPage } from '../features/status';
import { useEngineStore } from '../session/engineStore';
import { Header } from './Header';

// The lab (the first screen, with pre-computed charts) is in the page script; the others load on
// first visit so the first paint does not wait for them.
const LayerExplorer = lazy(() =>
  import('../features/layers').then((m) => ({ default: m.LayerExplorer })),
);
const HardnessLab = lazy(() =>
  import('../features/hardness').then((m) => ({ default: m.HardnessLab })),
);
const GuidedStory = lazy(() =>
  import('../features/story').then((m) => ({ default: m.GuidedStory })),
);
const StoryEmbed = lazy(() => import('../features/story').then((m) => ({ default: m.StoryEmbed })));

const SCREEN_VIEWS: Record<Screen, ComponentType> = {
  lab: ComplexityLab,
  layers: LayerExplorer,
  hardness: HardnessLab,
  story: GuidedStory,
  status: StatusPage,
};

/**
 * The app frame: a header with the screens' nav and one main region (the screen named in the hash); or, with
 * `#embed=<panel>`, that panel alone, the engine started only when asked for ("Run live").
 */
export function App() {
  const startEngine = useEngineStore((s) => s.startEngine);
  const screen = useLabStore((s) => s.screen);
  const embed = useViewStore((s) => s.embed);
  useEffect(() => startHashSync(), []);
  useEffect(() => {
    if (embed === null) startEngine();
  }, [startEngine, embed]);
  if (embed !== null) {
    return isLabPanel(embed) ? (
      <EmbedView panel={embed} />
    ) : (
      <Suspense fallback={<ScreenLoading />}>
        <StoryEmbed />
      </Suspense>
    );
  }
  const View = SCREEN_VIEWS[screen];
  return (
    <div className="app">
      <Header />
      <main className="main" id="main">
        <Notices />
        <ErrorBoundary key={screen} what="this screen" kept="The other screens still work.">
          <Suspense fallback={<ScreenLoading />}>
            <View />
          </Suspense>
        </ErrorBoundary>
      </main>
      <footer className="footer">
        Runs entirely in your browser; nothing is sent anywhere. TensorFlow.js runs in a worker.
      </footer>
    </div>
  );
}

function ScreenLoading() {
  return (
    <p className="loading" role="status">
      Loading the screen…
    </p>
  );
}
