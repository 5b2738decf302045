import type { HardnessExperiment, HardnessOutcome } from '../../worker/hardnessProtocol';
import type { ResultSet } from '../complexity';
import { datedName } from '../complexity';
import type { ModFile, ModRun } from './model/modFile';

/**
 * The hardness lab's downloads (pure): the files `npm run cli -- hardness …` writes, so a file
 * from the page and one from the command line can be compared. bounded|performer|rank:
 * {kind, experiment, result, provenance}; mod: a ModFile (what the panel reads back).
 */

/** The CLI's subcommand of each experiment, which names the file; flops is the sweep panel. */
const FILE_NAMES = {
  boundedEntries: 'bounded',
  performer: 'performer',
  rankLimit: 'rank',
  mod: 'mod',
  flops: 'flops',
} as const;

/** hardness-bounded-2025-01-31.json */
export const hardnessFileName = (
  kind: HardnessExperiment['kind'] | 'flops',
  date = new Date(),
): string => datedName(['hardness', FILE_NAMES[kind]], 'json', date);

export interface LabFile {
  kind: HardnessExperiment['kind'];
  experiment: HardnessExperiment;
  result: HardnessOutcome['result'];
  provenance: Record<string, unknown>;
}

/**
 * Provenance of a job the page ran: the page's (backend report, browser) with the backend and
 * date the worker answered with, the seconds it took (the CLI's wallSeconds), and whether it
 * stopped early: a cancelled or failed job keeps the points computed before.
 */
export function outcomeProvenance(
  out: HardnessOutcome,
  page: Record<string, unknown>,
  seconds: number | null,
): Record<string, unknown> {
  return {
    ...page,
    backend: out.backend,
    date: out.date,
    ...(seconds === null ? {} : { wallSeconds: Number(seconds.toFixed(1)) }),
    ...(out.cancelled ? { cancelled: true } : {}),
    ...(out.error ? { error: out.error } : {}),
  };
}

/** The file of a job's outcome: a ModFile of one run for Mixture-of-Depths, else a LabFile. */
export function outcomeFile(
  out: HardnessOutcome,
  page: Record<string, unknown>,
  seconds: number | null,
): LabFile | ModFile {
  const provenance = outcomeProvenance(out, page, seconds);
  const { experiment, result } = out;
  if (experiment.kind === 'mod' && result.kind === 'mod') {
    const run: ModRun = {
      experiment,
      points: result.points,
      ...(seconds === null ? {} : { seconds: Number(seconds.toFixed(1)) }),
    };
    return { kind: 'mod', runs: [run], provenance };
  }
  return { kind: experiment.kind, experiment, result, provenance };
}

/** The shipped run the panel shows, as a ModFile with the shipped file's own provenance. */
export const shippedModFile = (file: ModFile, run: ModRun): ModFile => ({
  kind: 'mod',
  runs: [run],
  provenance: file.provenance,
});

/** The part of a sweep result set the panel shows: only these variants' rows, fits and params. */
export function onlyVariants(set: ResultSet, variants: readonly string[]): ResultSet {
  const keep = (v: string) => variants.includes(v);
  const params = Object.fromEntries(
    Object.entries(set.config.params ?? {}).filter(([v]) => keep(v)),
  );
  return {
    config: { ...set.config, variants: set.config.variants.filter(keep), params },
    rows: set.rows.filter((r) => keep(r.variant)),
    fits: set.fits.filter((f) => keep(f.variant)),
    provenance: set.provenance,
  };
}
