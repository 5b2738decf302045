import { useEffect } from 'react';
import { ComplexityLab } from '../features/complexity/ComplexityLab';
import { EmbedView } from '../features/share/EmbedView';
import { startHashSync } from '../features/share/hashSync';
import { useShareStore } from '../features/share/shareStore';
import { Header } from './Header';
import { useLabStore } from './labStore';
import { StatusPage } from './StatusPage';
import { useAppStore } from './store';

/**
 * The app frame: a header with the screens' nav and one main region (lab or status); or, with
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
  return (
    <div className="app">
      <Header />
      <main className="main" id="main">
        {screen === 'status' ? <StatusPage /> : <ComplexityLab />}
      </main>
      <footer className="footer">
        Runs entirely in your browser; nothing is sent anywhere. TensorFlow.js runs in a worker.
      </footer>
    </div>
  );
}
