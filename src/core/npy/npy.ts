/**
 * numpy's .npy format (format versions 1.0, 2.0 and 3.0), read and written without eval:
 * the header's dict literal goes through a small tokenizer that knows only Python's literals
 * (strings, integers, True/False/None, tuples, lists, dicts), so a hostile header is a
 * refusal, never code. Reads float32 and float64 (little- or big-endian, C or Fortran order)
 * into C-order typed arrays; anything else is refused with an NpyError naming the file.
 *
 * Layout (numpy.lib.format): "\x93NUMPY", major, minor, header length (u16 for 1.0, u32 for
 * 2.0/3.0), the header (latin1; utf8 for 3.0) padded with spaces and "\n" so the data starts
 * at a multiple of 64, then the data.
 */

/** Caps on what the reader takes: a whole file's bytes, its rank and its header's length. */
export const NPY_LIMITS = {
  /** A .npy file (or one .npz entry), header included. */
  maxBytes: 256 * 1024 * 1024,
  /** Dimensions of an array: attention inputs need at most 4, (batch, heads, n, d). */
  maxDims: 4,
  /** Bytes of a header (numpy's own default `max_header_size` is 10 000 characters). */
  maxHeaderBytes: 10_000,
} as const;

/** Largest finite float32: a float64 beyond it becomes Infinity on its way into a tensor. */
export const F32_MAX = 3.4028234663852886e38;

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY
const ALIGN = 64;
/** numpy pads the header so a growing first (or, for Fortran, last) axis can be rewritten. */
const GROWTH_AXIS_MAX_DIGITS = 21;

export type NpyDtype = 'float32' | 'float64';

export interface NpyArray {
  dtype: NpyDtype;
  /** In C order (the first axis slowest), whatever order the file stored. */
  shape: number[];
  data: Float32Array | Float64Array;
  /** What was changed on the way in (byte order, memory order); empty when nothing was. */
  converted: string[];
}

/** Every refusal of a .npy or .npz: the message starts with the file's name. */
export class NpyError extends Error {
  override name = 'NpyError';
}

const MiB = 1024 * 1024;
const sizeText = (bytes: number) =>
  bytes >= MiB ? `${(bytes / MiB).toFixed(1)} MiB` : `${bytes} bytes`;

// ---------------------------------------------------------------------------------------------
// The header: a Python dict literal, tokenized and parsed (no eval).

type Py = string | number | boolean | null | Py[] | PyTuple | PyDict;
interface PyTuple {
  tuple: Py[];
}
interface PyDict {
  dict: Map<string, Py>;
}

const isTuple = (x: Py): x is PyTuple => typeof x === 'object' && x !== null && 'tuple' in x;
const isDict = (x: Py): x is PyDict => typeof x === 'object' && x !== null && 'dict' in x;

/** A Python literal as text, for messages (strings quoted as Python would). */
function pyText(x: Py): string {
  if (typeof x === 'string') return `'${x}'`;
  if (typeof x === 'number') return String(x);
  if (x === true) return 'True';
  if (x === false) return 'False';
  if (x === null) return 'None';
  if (Array.isArray(x)) return `[${x.map(pyText).join(', ')}]`;
  if (isTuple(x)) {
    return x.tuple.length === 1
      ? `(${pyText(x.tuple[0])},)`
      : `(${x.tuple.map(pyText).join(', ')})`;
  }
  return `{${[...x.dict].map(([k, v]) => `'${k}': ${pyText(v)}`).join(', ')}}`;
}

/** Longest quoted value in a message. */
const QUOTE = 80;
const cut = (s: string) => (s.length > QUOTE ? `${s.slice(0, QUOTE)}…` : s);

const MAX_NESTING = 16;

class HeaderParser {
  private i = 0;
  constructor(
    private readonly text: string,
    private readonly fail: (why: string) => never,
  ) {}

  parse(): Py {
    const value = this.value(0);
    this.space();
    if (this.i < this.text.length) this.fail(`unexpected ${this.near()} after the dict`);
    return value;
  }

  private near(): string {
    return `${JSON.stringify(this.text.slice(this.i, this.i + 20))} (offset ${this.i})`;
  }

  private space(): void {
    while (this.i < this.text.length && /\s/.test(this.text[this.i])) this.i++;
  }

  private value(depth: number): Py {
    if (depth > MAX_NESTING) this.fail(`nested deeper than ${MAX_NESTING} levels`);
    this.space();
    const c = this.text[this.i];
    if (c === undefined) this.fail('it ends before its dict is complete');
    if (c === '{') return this.dict(depth);
    if (c === '(') return this.sequence('(', ')', depth);
    if (c === '[') return this.sequence('[', ']', depth);
    if (c === "'" || c === '"') return this.string();
    const word = /^(?:[-+]?\d+L?|True|False|None)/.exec(this.text.slice(this.i, this.i + 40));
    if (word === null) this.fail(`unexpected ${this.near()}`);
    this.i += word[0].length;
    if (word[0] === 'True') return true;
    if (word[0] === 'False') return false;
    if (word[0] === 'None') return null;
    // A trailing L: a Python 2 long, which numpy still reads.
    const n = Number(word[0].replace(/L$/, ''));
    if (!Number.isSafeInteger(n)) this.fail(`integer ${cut(word[0])} is too large`);
    return n;
  }

  private string(): string {
    const quote = this.text[this.i++];
    let out = '';
    for (;;) {
      const c = this.text[this.i++];
      if (c === undefined) this.fail('a string is not closed');
      if (c === quote) return out;
      if (c === '\\') {
        const e = this.text[this.i++];
        if (e === undefined) this.fail('a string is not closed');
        out += e === 'n' ? '\n' : e === 't' ? '\t' : e;
      } else out += c;
    }
  }

  /** Items up to `close`, a trailing comma allowed; `(x)` without a comma is just x. */
  private sequence(open: '(' | '[', close: ')' | ']', depth: number): Py {
    this.i++;
    const items: Py[] = [];
    let comma = false;
    for (;;) {
      this.space();
      if (this.text[this.i] === close) {
        this.i++;
        break;
      }
      if (items.length > 0 && !comma) this.fail(`expected "," or "${close}" at ${this.near()}`);
      items.push(this.value(depth + 1));
      this.space();
      comma = this.text[this.i] === ',';
      if (comma) this.i++;
    }
    if (open === '[') return items;
    return items.length === 1 && !comma ? items[0] : { tuple: items };
  }

  private dict(depth: number): PyDict {
    this.i++;
    const dict = new Map<string, Py>();
    for (;;) {
      this.space();
      if (this.text[this.i] === '}') {
        this.i++;
        return { dict };
      }
      const key = this.value(depth + 1);
      if (typeof key !== 'string') this.fail(`a key is not a string (${cut(pyText(key))})`);
      if (dict.has(key)) this.fail(`key '${cut(key)}' appears twice`);
      this.space();
      if (this.text[this.i] !== ':') this.fail(`expected ":" after '${cut(key)}'`);
      this.i++;
      dict.set(key, this.value(depth + 1));
      this.space();
      if (this.text[this.i] === ',') this.i++;
      else if (this.text[this.i] !== '}') this.fail(`expected "," or "}" at ${this.near()}`);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Reading.

interface Header {
  dtype: NpyDtype;
  littleEndian: boolean;
  fortran: boolean;
  shape: number[];
  dataOffset: number;
}

const latin1 = (bytes: Uint8Array): string => {
  let s = '';
  for (let i = 0; i < bytes.length; i += 4096) {
    s += String.fromCharCode(...bytes.subarray(i, i + 4096));
  }
  return s;
};

/** UTF-8 without TextDecoder (core stays free of DOM and Node APIs); null when not UTF-8. */
function utf8(bytes: Uint8Array): string | null {
  let ascii = true;
  for (const b of bytes) if (b > 0x7f) ascii = false;
  if (ascii) return latin1(bytes);
  try {
    return decodeURIComponent(
      Array.from(bytes, (b) => `%${b.toString(16).padStart(2, '0')}`).join(''),
    );
  } catch {
    return null;
  }
}

/** The dtypes numpy writes with a byte-order character: '<' little, '>' big, '=' native, '|' n/a. */
function dtypeOf(descr: Py, fail: (why: string) => never): { dtype: NpyDtype; little: boolean } {
  if (typeof descr !== 'string') {
    const kind = Array.isArray(descr) ? 'a structured dtype' : 'a dtype';
    fail(`${kind} ${cut(pyText(descr))} is not supported (only float32 and float64 arrays are)`);
  }
  const m = /^([<>=|])f([48])$/.exec(descr);
  if (m === null) {
    fail(
      `dtype '${cut(descr)}' (${dtypeName(descr)}) is not supported: only float32 ('<f4') and ` +
        `float64 ('<f8') arrays are; convert with x.astype(numpy.float32)`,
    );
  }
  return { dtype: m[2] === '4' ? 'float32' : 'float64', little: m[1] !== '>' };
}

/** numpy's name for a dtype string, for the refusal. */
function dtypeName(descr: string): string {
  const m = /^[<>=|]?([a-zA-Z])(\d*)/.exec(descr);
  if (m === null) return 'unknown';
  const bits = m[2] ? String(Number(m[2]) * 8) : '';
  const kinds: Record<string, string> = {
    f: `float${bits}`,
    i: `int${bits}`,
    u: `uint${bits}`,
    b: 'bool',
    c: `complex${bits}`,
    O: 'object',
    U: 'unicode string',
    S: 'byte string',
    V: 'void/structured',
    M: 'datetime64',
    m: 'timedelta64',
  };
  return kinds[m[1]] ?? 'unknown';
}

function readHeader(bytes: Uint8Array, name: string): Header {
  const fail: (why: string) => never = (why) => {
    throw new NpyError(`${name}: ${why}`);
  };
  if (bytes.length < 10 || MAGIC.some((b, i) => bytes[i] !== b)) {
    fail('not a .npy file (it does not start with \\x93NUMPY)');
  }
  const [major, minor] = [bytes[6], bytes[7]];
  if (![1, 2, 3].includes(major) || minor !== 0) {
    fail(`unsupported .npy format version ${major}.${minor} (supported: 1.0, 2.0, 3.0)`);
  }
  const lenBytes = major === 1 ? 2 : 4;
  if (bytes.length < 8 + lenBytes) fail('the file ends inside its header');
  let headerLen = 0;
  for (let i = lenBytes - 1; i >= 0; i--) headerLen = headerLen * 256 + bytes[8 + i];
  const start = 8 + lenBytes;
  if (start + headerLen > bytes.length) {
    fail(
      `the file ends inside its header (${headerLen} bytes declared, ${bytes.length - start} present)`,
    );
  }
  const bad: (why: string) => never = (why) => fail(`bad header: ${why}`);
  // Checked before decoding, so a huge declared header costs nothing.
  if (headerLen > NPY_LIMITS.maxHeaderBytes) {
    bad(`${headerLen} bytes, more than the limit of ${NPY_LIMITS.maxHeaderBytes}`);
  }
  const raw = bytes.subarray(start, start + headerLen);
  const header = major === 3 ? utf8(raw) : latin1(raw);
  if (header === null) return bad('it is not UTF-8');
  const dict = new HeaderParser(header, bad).parse();
  if (!isDict(dict)) return bad(`not a dict (${cut(pyText(dict))})`);
  const d = dict.dict;
  const keys = ['descr', 'fortran_order', 'shape'];
  const missing = keys.filter((k) => !d.has(k));
  const extra = [...d.keys()].filter((k) => !keys.includes(k));
  if (missing.length > 0) bad(`missing ${missing.map((k) => `'${k}'`).join(', ')}`);
  if (extra.length > 0) bad(`unexpected key ${extra.map((k) => `'${cut(k)}'`).join(', ')}`);
  const fortran = d.get('fortran_order');
  if (typeof fortran !== 'boolean') {
    bad(`'fortran_order' must be True or False, got ${cut(pyText(fortran ?? null))}`);
  }
  const shapeValue = d.get('shape') ?? null;
  if (!isTuple(shapeValue) || !shapeValue.tuple.every((x) => typeof x === 'number' && x >= 0)) {
    return bad(`'shape' must be a tuple of integers ≥ 0, got ${cut(pyText(shapeValue))}`);
  }
  const shape = shapeValue.tuple as number[];
  if (shape.length > NPY_LIMITS.maxDims) {
    fail(`${shape.length} dimensions ${cut(pyText(shapeValue))}, more than ${NPY_LIMITS.maxDims}`);
  }
  const { dtype, little } = dtypeOf(d.get('descr') ?? null, fail);
  return {
    dtype,
    littleEndian: little,
    fortran,
    shape,
    dataOffset: start + headerLen,
  };
}

const HOST_LITTLE = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Reverse each `size`-byte group in place. */
function swapBytes(bytes: Uint8Array, size: number): void {
  for (let o = 0; o + size <= bytes.length; o += size) {
    for (let a = o, b = o + size - 1; a < b; a++, b--) {
      const t = bytes[a];
      bytes[a] = bytes[b];
      bytes[b] = t;
    }
  }
}

/** C-order strides of `shape`, in elements. */
function stridesOf(shape: number[]): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let a = shape.length - 1; a >= 0; a--) {
    strides[a] = s;
    s *= shape[a];
  }
  return strides;
}

/**
 * Visit every element of `shape` in Fortran order (axis 0 fastest): `visit(f, c)` gets its
 * Fortran-order position f and its C-order offset c. Both reorderings below are this one walk.
 */
function walkFortran(shape: number[], size: number, visit: (f: number, c: number) => void): void {
  const rank = shape.length;
  const cStrides = stridesOf(shape);
  const index = new Array<number>(rank).fill(0);
  let c = 0;
  for (let f = 0; f < size; f++) {
    visit(f, c);
    for (let a = 0; a < rank; a++) {
      index[a]++;
      c += cStrides[a];
      if (index[a] < shape[a]) break;
      c -= cStrides[a] * shape[a];
      index[a] = 0;
    }
  }
}

const sameKind = <T extends Float32Array | Float64Array>(data: T): T =>
  new (data.constructor as { new (n: number): T })(data.length);

/** Fortran-order data (the first axis fastest) of `shape`, rewritten in C order. */
function fortranToC<T extends Float32Array | Float64Array>(data: T, shape: number[]): T {
  const out = sameKind(data);
  walkFortran(shape, data.length, (f, c) => {
    out[c] = data[f];
  });
  return out;
}

/** The multi-index of flat C-order position `flat`, as numpy prints it. */
function indexText(flat: number, shape: number[]): string {
  const strides = stridesOf(shape);
  const idx = strides.map((s, a) => Math.floor(flat / s) % shape[a]);
  return idx.length === 1 ? `(${idx[0]},)` : `(${idx.join(', ')})`;
}

/** Parse one .npy file's bytes; `name` starts every refusal's message. */
export function parseNpy(bytes: Uint8Array, name: string): NpyArray {
  if (bytes.length > NPY_LIMITS.maxBytes) {
    throw new NpyError(
      `${name}: ${sizeText(bytes.length)}, larger than the limit of ${sizeText(NPY_LIMITS.maxBytes)}`,
    );
  }
  const h = readHeader(bytes, name);
  const itemSize = h.dtype === 'float32' ? 4 : 8;
  let count = 1;
  for (const s of h.shape) count *= s;
  const want = count * itemSize;
  const have = bytes.length - h.dataOffset;
  const shapeText = `(${h.shape.join(', ')}${h.shape.length === 1 ? ',' : ''})`;
  if (h.dataOffset + want > NPY_LIMITS.maxBytes) {
    throw new NpyError(
      `${name}: shape ${shapeText} ${h.dtype} needs ${sizeText(want)}, more than the limit of ` +
        `${sizeText(NPY_LIMITS.maxBytes)}`,
    );
  }
  if (have !== want) {
    const which = have < want ? 'shorter' : 'longer';
    throw new NpyError(
      `${name}: data is ${which} than the shape says: ${shapeText} ${h.dtype} needs ` +
        `${want} bytes, the file holds ${have} after its header`,
    );
  }
  // A copy, aligned for the typed array whatever the source's offset, swapped if need be.
  // (Never bytes.slice: on a Node Buffer that is a view, and the swap would write into it.)
  const copy = new Uint8Array(want);
  copy.set(bytes.subarray(h.dataOffset, h.dataOffset + want));
  const converted: string[] = [];
  if (h.littleEndian !== HOST_LITTLE) {
    swapBytes(copy, itemSize);
    if (!h.littleEndian) converted.push('big-endian bytes swapped');
  }
  let data: Float32Array | Float64Array =
    h.dtype === 'float32' ? new Float32Array(copy.buffer) : new Float64Array(copy.buffer);
  if (h.fortran && h.shape.length > 1) {
    data = fortranToC(data, h.shape);
    converted.push('Fortran order transposed to C order');
  }
  for (let i = 0; i < data.length; i++) {
    const x = data[i];
    if (!Number.isFinite(x)) {
      throw new NpyError(
        `${name}: ${x} at index ${indexText(i, h.shape)} (flat index ${i}): values must be finite`,
      );
    }
    if (h.dtype === 'float64' && Math.abs(x) > F32_MAX) {
      throw new NpyError(
        `${name}: ${x} at index ${indexText(i, h.shape)} (flat index ${i}) is beyond float32's ` +
          `range (±${F32_MAX}): it cannot go into a float32 tensor`,
      );
    }
  }
  return { dtype: h.dtype, shape: [...h.shape], data, converted };
}

// ---------------------------------------------------------------------------------------------
// Writing, byte for byte as numpy.save does.

export interface EncodeOptions {
  /** Write '>f4'/'>f8' (default little-endian '<'). */
  bigEndian?: boolean;
  /** Store in Fortran order (fortran_order True); `data` is always given in C order. */
  fortran?: boolean;
  /** Format version (default 1; numpy picks 2 or 3 only when the header needs it). */
  version?: 1 | 2 | 3;
}

/** C-order data rewritten in Fortran order (the inverse of fortranToC). */
function cToFortran<T extends Float32Array | Float64Array>(data: T, shape: number[]): T {
  const out = sameKind(data);
  walkFortran(shape, data.length, (f, c) => {
    out[f] = data[c];
  });
  return out;
}

/**
 * A .npy file of `data` (C order) shaped `shape`, as numpy.save writes it: the header dict's
 * keys sorted, numpy's growth padding, aligned to 64 bytes.
 */
export function encodeNpy(
  data: Float32Array | Float64Array,
  shape: number[],
  opts: EncodeOptions = {},
): Uint8Array {
  const count = shape.reduce((a, b) => a * b, 1);
  if (!shape.every((s) => Number.isSafeInteger(s) && s >= 0) || count !== data.length) {
    throw new Error(`encodeNpy: shape (${shape.join(', ')}) does not hold ${data.length} values`);
  }
  const version = opts.version ?? 1;
  const fortran = opts.fortran === true;
  const itemSize = data instanceof Float32Array ? 4 : 8;
  const descr = `${opts.bigEndian ? '>' : '<'}f${itemSize}`;
  const shapeRepr = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  let header = `{'descr': '${descr}', 'fortran_order': ${fortran ? 'True' : 'False'}, 'shape': ${shapeRepr}, }`;
  if (shape.length > 0) {
    const growth = String(shape[fortran ? shape.length - 1 : 0]);
    header += ' '.repeat(GROWTH_AXIS_MAX_DIGITS - growth.length);
  }
  const lenBytes = version === 1 ? 2 : 4;
  const hlen = header.length + 1; // ASCII: latin1 and utf8 agree
  const pad = ALIGN - ((MAGIC.length + 2 + lenBytes + hlen) % ALIGN);
  const total = hlen + pad;
  if (version === 1 && total > 0xffff) throw new Error('encodeNpy: header too long for 1.0');
  const start = MAGIC.length + 2 + lenBytes;
  const out = new Uint8Array(start + total + data.length * itemSize);
  out.set(MAGIC, 0);
  out[6] = version;
  out[7] = 0;
  for (let i = 0; i < lenBytes; i++) out[8 + i] = Math.floor(total / 256 ** i) % 256;
  for (let i = 0; i < header.length; i++) out[start + i] = header.charCodeAt(i);
  out.fill(0x20, start + header.length, start + total - 1);
  out[start + total - 1] = 0x0a;
  const ordered = fortran && shape.length > 1 ? cToFortran(data, shape) : data;
  const body = new Uint8Array(ordered.buffer, ordered.byteOffset, ordered.byteLength).slice();
  if ((opts.bigEndian === true) === HOST_LITTLE) swapBytes(body, itemSize);
  out.set(body, start + total);
  return out;
}
