import { FileSchemaError, fieldPath, parseOrThrow } from '../schemas/issues';
import { parameterSpecs, sizeOf } from './config';
import type { WeightMap } from './init';
import {
  FORMAT_VERSION,
  type ManifestTensor,
  MODEL_FORMAT,
  ModelIndexSchema,
  ModelInfoSchema,
  type ModelManifest,
  ModelManifestSchema,
} from './manifestSchema';
import type { ModelInfo } from './trace';

/**
 * The shipped model format: `public/models/<id>.json` (this manifest) beside
 * `public/models/<id>.bin` (every tensor as little-endian float32, in manifest order), and
 * `public/models/index.json` ({ format, models: ModelInfo[] }) for the picker. The schemas in
 * ./manifestSchema check each field (format tag, version, configuration, types and bounds);
 * decoding then checks what needs the bytes: every tensor's name, shape and offset against the
 * configuration, the byte length, a checksum of the bytes and that every number is finite. A
 * corrupt file is refused with the field that is wrong, never run.
 */

export {
  FORMAT_VERSION,
  INDEX_FORMAT,
  type ManifestTensor,
  MODEL_FORMAT,
  type ModelIndex,
  type ModelManifest,
} from './manifestSchema';

export interface ModelWeights {
  info: ModelInfo;
  tensors: WeightMap;
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

/** The schema's first problem as a ModelFormatError: "<prefix>: <field>: <why>". */
function parsed<T>(parse: () => T, prefix: string, whole: string): T {
  try {
    return parse();
  } catch (err) {
    if (!(err instanceof FileSchemaError)) throw err;
    const field = err.field === fieldPath([]) ? whole : err.field;
    throw new ModelFormatError(`${prefix}: ${field ? `${field}: ` : ''}${err.why}`, { cause: err });
  }
}

/** Validate a ModelInfo (as found in a manifest or the index); throws ModelFormatError. */
export function checkModelInfo(x: unknown, where: string): ModelInfo {
  return parsed(() => parseOrThrow(ModelInfoSchema, x), where, 'model info');
}

/** Check a manifest and its bin bytes and return the weights; throws ModelFormatError. */
export function decodeModel(manifest: unknown, bin: ArrayBuffer | Uint8Array): ModelWeights {
  const m = parsed(() => parseOrThrow(ModelManifestSchema, manifest), 'corrupt model file', '');
  const fail = (field: string, why: string): never => {
    throw new ModelFormatError(`corrupt model file: ${field}: ${why}`);
  };
  const { info } = m;
  const bytes = bin instanceof Uint8Array ? bin : new Uint8Array(bin);
  if (bytes.byteLength !== m.byteLength) {
    return fail(
      'byteLength',
      `the bin file has ${bytes.byteLength} bytes, the manifest says ${m.byteLength}`,
    );
  }
  const sum = checksumOf(bytes);
  if (sum !== m.checksum) {
    return fail(
      'checksum',
      `the bin file fails its checksum (${sum}, the manifest says ${m.checksum})`,
    );
  }
  const specs = parameterSpecs(info.config);
  const listed = m.tensors;
  if (listed.length !== specs.length) {
    return fail(
      'tensors',
      `expected ${specs.length} tensors for this config, got ${listed.length}`,
    );
  }
  // Copy to an aligned buffer (a Uint8Array view may start at any byte offset); the schema
  // keeps byteLength a multiple of 4.
  const floats = new Float32Array(bytes.slice().buffer);
  const tensors: WeightMap = {};
  let offset = 0;
  for (const [i, spec] of specs.entries()) {
    const t = listed[i];
    const shape = JSON.stringify(spec.shape);
    if (t.name !== spec.name || JSON.stringify(t.shape) !== shape) {
      return fail(
        `tensors[${i}]`,
        `tensor ${i} should be ${spec.name} ${shape}, got ${shownTensor(t)}`,
      );
    }
    if (t.offset !== offset) {
      return fail(
        `tensors[${i}].offset`,
        `tensor ${spec.name} has offset ${t.offset}, expected ${offset}`,
      );
    }
    const n = sizeOf(spec.shape);
    if (offset + n > floats.length) {
      return fail(`tensors[${i}]`, `tensor ${spec.name} runs past the end of the bin file`);
    }
    const data = floats.slice(offset, offset + n);
    if (!data.every(Number.isFinite)) {
      return fail(`tensors[${i}]`, `tensor ${spec.name} holds a non-finite number`);
    }
    tensors[spec.name] = data;
    offset += n;
  }
  if (offset !== floats.length) {
    return fail('byteLength', `${floats.length - offset} floats left over after the last tensor`);
  }
  return { info, tensors };
}

/** A listed tensor as a message shows it (its name is at most 64 characters). */
const shownTensor = (t: ManifestTensor) => `${t.name} ${JSON.stringify(t.shape)}`;

/** Validate public/models/index.json; throws ModelFormatError. */
export function parseModelIndex(x: unknown): ModelInfo[] {
  return parsed(() => parseOrThrow(ModelIndexSchema, x), 'models index', '').models;
}
