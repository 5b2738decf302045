import { type Fields, isObject } from '../fieldChecks';
import { configProblem, parameterSpecs, sizeOf } from './config';
import type { WeightMap } from './init';
import type { ModelConfig, ModelInfo } from './trace';

/**
 * The shipped model format: `public/models/<id>.json` (this manifest) beside
 * `public/models/<id>.bin` (every tensor as little-endian float32, in manifest order), and
 * `public/models/index.json` ({ format, models: ModelInfo[] }) for the picker. Decoding checks
 * the format tag, the configuration, every tensor's name, shape and offset, the byte length, a
 * checksum of the bytes and that every number is finite: a corrupt file is refused, never run.
 */

export const MODEL_FORMAT = 'attention-explorer-model';
export const INDEX_FORMAT = 'attention-explorer-models';
export const FORMAT_VERSION = 1;

export interface ModelWeights {
  info: ModelInfo;
  tensors: WeightMap;
}

export interface ManifestTensor {
  name: string;
  shape: number[];
  /** Offset in float32 elements from the start of the bin file. */
  offset: number;
}

export interface ModelManifest {
  format: typeof MODEL_FORMAT;
  version: number;
  info: ModelInfo;
  dtype: 'float32';
  /** The bin file's name, relative to the manifest. */
  bin: string;
  byteLength: number;
  /** FNV-1a 32 of the bin bytes, 8 hex digits. */
  checksum: string;
  tensors: ManifestTensor[];
}

export class ModelFormatError extends Error {
  override name = 'ModelFormatError';
}

export function checksumOf(bytes: Uint8Array): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i], 0x01000193) >>> 0;
  return h.toString(16).padStart(8, '0');
}

/** The manifest and bin bytes of a model. */
export function encodeModel(
  info: ModelInfo,
  tensors: WeightMap,
): { manifest: ModelManifest; bin: Uint8Array } {
  const specs = parameterSpecs(info.config);
  const total = specs.reduce((s, t) => s + sizeOf(t.shape), 0);
  const data = new Float32Array(total);
  const entries: ManifestTensor[] = [];
  let offset = 0;
  for (const { name, shape } of specs) {
    const t = tensors[name];
    if (!t || t.length !== sizeOf(shape)) throw new Error(`tensor ${name} missing or misshapen`);
    data.set(t, offset);
    entries.push({ name, shape, offset });
    offset += t.length;
  }
  // Float32Array is little-endian on every platform tfjs runs on.
  const bin = new Uint8Array(data.buffer);
  const manifest: ModelManifest = {
    format: MODEL_FORMAT,
    version: FORMAT_VERSION,
    info,
    dtype: 'float32',
    bin: `${info.id}.bin`,
    byteLength: bin.byteLength,
    checksum: checksumOf(bin),
    tensors: entries,
  };
  return { manifest, bin };
}

/** Validate a ModelInfo (as found in a manifest or the index); throws ModelFormatError. */
export function checkModelInfo(x: unknown, where: string): ModelInfo {
  const fail = (why: string): never => {
    throw new ModelFormatError(`${where}: ${why}`);
  };
  if (!isObject(x)) return fail('model info must be an object');
  if (typeof x.id !== 'string' || !/^[a-z0-9][a-z0-9-]{0,39}$/.test(x.id)) {
    return fail(`model id must be lowercase letters, digits and dashes, got ${String(x.id)}`);
  }
  if (typeof x.label !== 'string') return fail('label must be a string');
  if (!isObject(x.config)) return fail('config must be an object');
  const problem = configProblem(x.config as unknown as ModelConfig);
  if (problem) return fail(problem);
  if (typeof x.trained !== 'boolean') return fail('trained must be true or false');
  if (
    x.accuracy !== null &&
    (typeof x.accuracy !== 'number' || !(x.accuracy >= 0 && x.accuracy <= 1))
  ) {
    return fail('accuracy must be null or a number in [0, 1]');
  }
  if (x.training !== null && !isObject(x.training))
    return fail('training must be null or an object');
  return x as unknown as ModelInfo;
}

/** Check a manifest and its bin bytes and return the weights; throws ModelFormatError. */
export function decodeModel(manifest: unknown, bin: ArrayBuffer | Uint8Array): ModelWeights {
  const fail = (why: string): never => {
    throw new ModelFormatError(`corrupt model file: ${why}`);
  };
  if (!isObject(manifest) || manifest.format !== MODEL_FORMAT) {
    return fail(`not a model manifest (format must be "${MODEL_FORMAT}")`);
  }
  if (manifest.version !== FORMAT_VERSION) {
    return fail(`format version ${String(manifest.version)} is not ${FORMAT_VERSION}`);
  }
  if (manifest.dtype !== 'float32') return fail(`dtype must be float32`);
  const info = checkModelInfo(manifest.info, 'corrupt model file');
  const bytes = bin instanceof Uint8Array ? bin : new Uint8Array(bin);
  if (bytes.byteLength !== manifest.byteLength) {
    return fail(
      `the bin file has ${bytes.byteLength} bytes, the manifest says ${String(manifest.byteLength)}`,
    );
  }
  if (checksumOf(bytes) !== manifest.checksum) return fail('the bin file fails its checksum');
  const specs = parameterSpecs(info.config);
  const listed = manifest.tensors;
  if (!Array.isArray(listed) || listed.length !== specs.length) {
    return fail(`expected ${specs.length} tensors for this config`);
  }
  // Copy to an aligned buffer (a Uint8Array view may start at any byte offset).
  const floats = new Float32Array(bytes.slice().buffer);
  const tensors: WeightMap = {};
  let offset = 0;
  for (const [i, spec] of specs.entries()) {
    const t = listed[i] as Fields;
    const shape = JSON.stringify(spec.shape);
    if (!isObject(t) || t.name !== spec.name || JSON.stringify(t.shape) !== shape) {
      return fail(`tensor ${i} should be ${spec.name} ${shape}`);
    }
    if (t.offset !== offset)
      return fail(`tensor ${spec.name} has offset ${String(t.offset)}, expected ${offset}`);
    const n = sizeOf(spec.shape);
    if (offset + n > floats.length)
      return fail(`tensor ${spec.name} runs past the end of the bin file`);
    const data = floats.slice(offset, offset + n);
    if (!data.every(Number.isFinite)) return fail(`tensor ${spec.name} holds a non-finite number`);
    tensors[spec.name] = data;
    offset += n;
  }
  if (offset !== floats.length) return fail(`${floats.length - offset} floats left over`);
  return { info, tensors };
}

export interface ModelIndex {
  format: typeof INDEX_FORMAT;
  models: ModelInfo[];
}

/** Validate public/models/index.json; throws ModelFormatError. */
export function parseModelIndex(x: unknown): ModelInfo[] {
  if (!isObject(x) || x.format !== INDEX_FORMAT || !Array.isArray(x.models)) {
    throw new ModelFormatError(
      `models index: expected { format: "${INDEX_FORMAT}", models: [...] }`,
    );
  }
  return x.models.map((m, i) => checkModelInfo(m, `models index entry ${i}`));
}
