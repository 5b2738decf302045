import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { WeightMap } from '../../core/model/init';
import type { ModelInfo } from '../../core/model/trace';
import {
  decodeModel,
  encodeModel,
  INDEX_FORMAT,
  type ModelIndex,
  parseModelIndex,
} from '../../core/model/weights';
import { readJsonFile } from '../jsonFile';
import { writeAtomic } from '../output';

/** Writing public/models: one manifest + bin per model, and index.json listing them all. */

export const MODEL_BYTES_LIMIT = 2 * 1024 * 1024;

export function writeModel(dir: string, info: ModelInfo, tensors: WeightMap): number {
  const { manifest, bin } = encodeModel(info, tensors);
  if (bin.byteLength > MODEL_BYTES_LIMIT) {
    throw new Error(`model ${info.id} has ${bin.byteLength} bytes, over the 2 MiB limit`);
  }
  // Check the files decode before they replace the old ones.
  decodeModel(JSON.parse(JSON.stringify(manifest)), bin);
  mkdirSync(dir, { recursive: true });
  writeAtomic(join(dir, manifest.bin), bin);
  writeAtomic(join(dir, `${info.id}.json`), `${JSON.stringify(manifest, null, 1)}\n`);
  return bin.byteLength;
}

export function readIndex(dir: string): ModelInfo[] {
  const path = join(dir, 'index.json');
  if (!existsSync(path)) return [];
  return parseModelIndex(readJsonFile(path, 'model index'));
}

/** Replace or add `info` in index.json, keeping `order` (ids) first and in that order. */
export function updateIndex(dir: string, info: ModelInfo, order: readonly string[]): void {
  const models = readIndex(dir).filter((m) => m.id !== info.id);
  models.push(info);
  const rank = (id: string) => (order.includes(id) ? order.indexOf(id) : order.length);
  models.sort((a, b) => rank(a.id) - rank(b.id));
  const index: ModelIndex = { format: INDEX_FORMAT, models };
  writeAtomic(join(dir, 'index.json'), `${JSON.stringify(index, null, 2)}\n`);
}

/**
 * Format the written JSON as the repository's formatter does (Biome), so `npm test`'s format
 * check passes on fresh training output. Skipped with a note when Biome is not installed.
 */
export function formatJson(dir: string, log: (line: string) => void): void {
  const biome = join('node_modules', '.bin', 'biome');
  if (!existsSync(biome)) {
    log(`note: ${biome} not found; the JSON in ${dir} is not formatted`);
    return;
  }
  const r = spawnSync(biome, ['format', '--write', dir], { encoding: 'utf8' });
  if (r.status !== 0) log(`note: biome format ${dir} failed: ${r.stderr.split('\n')[0]}`);
}
