import { useEngineStore } from '../../session/engineStore';
import { pageProvenance } from '../../session/provenance';
import type { HardnessOutcome } from '../../worker/hardnessProtocol';
import { buildJson, download, downloadJson, type ExportInput } from '../complexity';
import { hardnessFileName, outcomeFile, shippedModFile } from './hardnessFiles';
import type { ModFile, ModRun } from './model/modFile';
import type { JobState } from './useEngineJob';

/** The hardness figures' JSON buttons: the shown result, saved with where it was made. */

const page = () => pageProvenance(useEngineStore.getState().engine.report);

/** The job's shown result, as the CLI writes it. */
export function saveJob(state: JobState<HardnessOutcome>): void {
  const out = state.result;
  if (!out) return;
  // The seconds are the last run's, which may have failed after the shown result.
  const seconds = state.status === 'done' ? state.seconds : null;
  downloadJson(outcomeFile(out, page(), seconds), hardnessFileName(out.experiment.kind));
}

/** The shipped Mixture-of-Depths run the panel shows, with the shipped file's provenance. */
export function saveShippedMod(file: ModFile, run: ModRun): void {
  downloadJson(shippedModFile(file, run), hardnessFileName('mod'));
}

/** A sweep in the lab's JSON shape; a live run's provenance gains the page's fields. */
export function saveSweep(set: ExportInput, live: boolean): void {
  const provenance = live ? { ...page(), ...set.provenance } : set.provenance;
  download(buildJson({ ...set, provenance }), hardnessFileName('flops'), 'application/json');
}
