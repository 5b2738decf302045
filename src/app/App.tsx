import { useEffect } from 'react';
import { Header } from './Header';
import { StatusPage } from './StatusPage';
import { useAppStore } from './store';

/** The app frame: a header and one main region; later screens mount in <main>. */
export function App() {
  const startEngine = useAppStore((s) => s.startEngine);
  useEffect(() => startEngine(), [startEngine]);
  return (
    <div className="app">
      <Header />
      <main className="main" id="main">
        <StatusPage />
      </main>
      <footer className="footer">
        Runs entirely in your browser; nothing is sent anywhere. TensorFlow.js runs in a worker.
      </footer>
    </div>
  );
}
