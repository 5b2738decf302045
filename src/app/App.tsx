import { useEffect } from 'react';
import { ComplexityLab } from '../features/complexity/ComplexityLab';
import { HardnessLab } from '../features/hardness/HardnessLab';
import { LayerExplorer } from '../features/layers/LayerExplorer';
import { EmbedView } from '../features/share/EmbedView';
import { startHashSync } from '../features/share/hashSync';
import { useShareStore } from '../features/share/shareStore';
import { GuidedStory } from '../features/story/GuidedStory';
import { Header } from './Header';
import type { Screen } from './labHash';
import { useLabStore } from './labStore';
import { Notices } from './Notices';
import { StatusPage } from './StatusPage';
import { useAppStore } from './store';

const SCREEN_VIEWS: Record<Screen, () => React.JSX.Element> = {
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
  const startEngine = useAppStore((s) => s.startEngine);
  const screen = useLabStore((s) => s.screen);
  const embed = useShareStore((s) => s.embed);
  useEffect(() => startHashSync(), []);
  useEffect(() => {
    if (embed === null) startEngine();
  }, [startEngine, embed]);
  if (embed !== null) return <EmbedView panel={embed} />;
  const View = SCREEN_VIEWS[screen];
  return (
    <div className="app">
      <Header />
      <main className="main" id="main">
        <Notices />
        <View />
      </main>
      <footer className="footer">
        Runs entirely in your browser; nothing is sent anywhere. TensorFlow.js runs in a worker.
      </footer>
    </div>
  );
}
