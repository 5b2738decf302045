import { useEffect } from 'react';
import { ComplexityLab } from '../features/complexity/ComplexityLab';
import { Header } from './Header';
import { useLabStore } from './labStore';
import { StatusPage } from './StatusPage';
import { useAppStore } from './store';

/** The app frame: a header with the screens' nav and one main region (lab or status). */
export function App() {
  const startEngine = useAppStore((s) => s.startEngine);
  const screen = useLabStore((s) => s.screen);
  useEffect(() => startEngine(), [startEngine]);
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
