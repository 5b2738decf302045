import { lazy, Suspense, useEffect, useId, useRef, useState } from 'react';
import { useLabStore } from './labStore';

const OwnKernelEditor = lazy(() =>
  import('./OwnKernelEditor').then((m) => ({ default: m.OwnKernelEditor })),
);

/**
 * "Your own kernel (WGSL)", closed at first: the editor loads when it is first opened. A kernel
 * that came in a link opens it, so the reader sees the code before anything runs it.
 */
export function OwnKernelPanel() {
  const id = useId();
  const [opened, setOpened] = useState(false);
  const details = useRef<HTMLDetailsElement>(null);
  const fromLink = useLabStore((s) => s.kernel?.from === 'link');
  useEffect(() => {
    if (fromLink && details.current) details.current.open = true;
  }, [fromLink]);
  return (
    <section className="panel" aria-labelledby={`${id}-heading`} data-testid="own-kernel">
      <details ref={details} onToggle={(e) => e.currentTarget.open && setOpened(true)}>
        <summary>
          <h2 id={`${id}-heading`} className="own-kernel-title">
            Your own kernel (WGSL)
          </h2>
        </summary>
        {opened ? (
          <Suspense fallback={<p role="status">Loading the editor…</p>}>
            <OwnKernelEditor />
          </Suspense>
        ) : null}
      </details>
    </section>
  );
}
