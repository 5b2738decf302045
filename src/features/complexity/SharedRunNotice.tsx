import { useLabStore } from './labStore';
import { sharedRunLine } from './sharedRun';

/** Above the results: the run shown is the sender's, from a link, not this device's. */
export function SharedRunNotice() {
  const run = useLabStore((s) => s.run);
  if (run.source !== 'shared' || !run.provenance) return null;
  return (
    <p className="notice lab-precomputed" data-testid="shared-run-notice">
      <strong>{sharedRunLine(run.provenance)}.</strong> These are the sender’s numbers from the
      link. Press Run to measure the same sweep on your device; the shared run then stays beside
      yours as run B.
    </p>
  );
}

/** Under the pre-computed notice: the chosen variants and sizes it has no data for. */
export function PrecomputedGaps({ gaps }: { gaps: string | null }) {
  if (!gaps) return null;
  return (
    <p className="notice" data-testid="precomputed-gaps">
      {gaps}
    </p>
  );
}
