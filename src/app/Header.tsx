import { useEffect } from 'react';
import { useLabStore, useViewStore } from '../features/complexity';
import { hashWithScreen, parseScreen, type Screen } from '../features/complexity/model/labHash';
import { ShareButton } from '../features/share';

const LINKS: { screen: Screen; label: string }[] = [
  { screen: 'story', label: 'Guided story' },
  { screen: 'lab', label: 'Complexity lab' },
  { screen: 'hardness', label: 'Hardness lab' },
  { screen: 'layers', label: 'Layer explorer' },
  { screen: 'status', label: 'Engine status' },
];

export function Header() {
  const screen = useLabStore((s) => s.screen);
  const setScreen = useLabStore((s) => s.setScreen);
  // The hash as last written, so the nav links carry the current config.
  const hash = useViewStore((s) => s.hash);
  useEffect(() => {
    const onHash = () => setScreen(parseScreen(location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, [setScreen]);
  return (
    <header className="header">
      <h1 className="title">Attention Explorer</h1>
      <p className="pitch">
        Attention variants run live on your GPU: exact attention costs n², every faster variant pays
        in fidelity.
      </p>
      <nav className="nav" aria-label="Screens">
        {LINKS.map((l) => (
          <a
            key={l.screen}
            href={hashWithScreen(hash, l.screen)}
            aria-current={screen === l.screen ? 'page' : undefined}
            className="nav-link"
          >
            {l.label}
          </a>
        ))}
        <ShareButton />
      </nav>
    </header>
  );
}
