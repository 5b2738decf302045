import { lazy, Suspense, useId, useState } from 'react';

const OwnKernelEditor = lazy(() =>
  import('./OwnKernelEditor').then((m) => ({ default: m.OwnKernelEditor })),
);

/** "Your own kernel (WGSL)", closed at first: the editor loads when it is first opened. */
export function OwnKernelPanel() {
  const id = useId();
  const [opened, setOpened] = useState(false);
  return (
    <section className="panel" aria-labelledby={`${id}-heading`} data-testid="own-kernel">
      <details onToggle={(e) => e.currentTarget.open && setOpened(true)}>
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
