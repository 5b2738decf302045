import type { ModelInfo } from '../../core/model/trace';
import { parseModelIndex } from '../../core/model/weights';

/** The shipped models' index (relative to the page, so the build works from any sub-path). */
export const MODEL_INDEX_URL = 'models/index.json';

export async function loadModelIndex(fetchImpl: typeof fetch = fetch): Promise<ModelInfo[]> {
  const response = await fetchImpl(MODEL_INDEX_URL);
  if (!response.ok)
    throw new Error(`${MODEL_INDEX_URL} could not be loaded (HTTP ${response.status})`);
  return parseModelIndex(await response.json());
}
