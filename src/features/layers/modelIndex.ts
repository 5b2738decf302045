import type { ModelInfo } from '../../core/model/trace';
import { parseModelIndex } from '../../core/model/weights';
import { responseJson } from '../../core/schemas/jsonText';

/** The shipped models' index (relative to the page, so the build works from any sub-path). */
export const MODEL_INDEX_URL = 'models/index.json';

/** Index files are a few kB; anything far larger is not one. */
const INDEX_MAX_BYTES = 1024 * 1024;

export async function loadModelIndex(fetchImpl: typeof fetch = fetch): Promise<ModelInfo[]> {
  const response = await fetchImpl(MODEL_INDEX_URL);
  return parseModelIndex(await responseJson(response, MODEL_INDEX_URL, INDEX_MAX_BYTES));
}
