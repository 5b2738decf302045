/**
 * A row-major block of numbers shaped [heads, n, width]: the plain-array form of Q, K, V and
 * attention outputs, shared by the float64 reference, the CLI and the engine's tensors.
 */
export interface HeadBlock<T extends Float32Array | Float64Array = Float32Array | Float64Array> {
  heads: number;
  n: number;
  width: number;
  data: T;
}

export interface AttentionInputs {
  q: HeadBlock; // [heads, n, d]
  k: HeadBlock; // [heads, n, d]
  v: HeadBlock; // [heads, n, dv]
}

export function headBlock<T extends Float32Array | Float64Array>(
  heads: number,
  n: number,
  width: number,
  data: T,
): HeadBlock<T> {
  if (data.length !== heads * n * width) {
    throw new Error(`data has ${data.length} numbers, expected ${heads}×${n}×${width}`);
  }
  return { heads, n, width, data };
}

export function zerosBlock(heads: number, n: number, width: number): HeadBlock<Float64Array> {
  return { heads, n, width, data: new Float64Array(heads * n * width) };
}

/** One head's rows as a view: [n, width]. */
export function headView<T extends Float32Array | Float64Array>(block: HeadBlock<T>, h: number): T {
  const size = block.n * block.width;
  return block.data.subarray(h * size, (h + 1) * size) as T;
}

/** Nested rows (what the CLI reads and writes) for head h. */
export function toRows(block: HeadBlock, h = 0): number[][] {
  const rows: number[][] = [];
  const view = headView(block, h);
  for (let i = 0; i < block.n; i++) {
    rows.push(Array.from(view.subarray(i * block.width, (i + 1) * block.width)));
  }
  return rows;
}

/** Stack heads of nested rows into a block (the rows are assumed rectangular; validate first). */
export function fromRows(headsRows: number[][][]): HeadBlock<Float32Array> {
  const heads = headsRows.length;
  const n = headsRows[0]?.length ?? 0;
  const width = headsRows[0]?.[0]?.length ?? 0;
  const data = new Float32Array(heads * n * width);
  let o = 0;
  for (const rows of headsRows) {
    for (const row of rows) {
      for (const x of row) data[o++] = x;
    }
  }
  return { heads, n, width, data };
}

/** The first n rows of every head of a block (a copy): [heads, n, width]. */
export function prefixBlock<T extends Float32Array | Float64Array>(
  block: HeadBlock<T>,
  n: number,
): HeadBlock<T> {
  if (!Number.isSafeInteger(n) || n < 1 || n > block.n) {
    throw new Error(`prefix of n = ${n} rows, but the block has ${block.n}`);
  }
  if (n === block.n) return block;
  const out = new (block.data.constructor as new (length: number) => T)(
    block.heads * n * block.width,
  );
  const rows = n * block.width;
  for (let h = 0; h < block.heads; h++) {
    const from = h * block.n * block.width;
    out.set(block.data.subarray(from, from + rows), h * rows);
  }
  return { heads: block.heads, n, width: block.width, data: out };
}

/** Q, K, V cut to their first n positions (every head), as a sweep measures a prefix. */
export function prefixInputs(x: AttentionInputs, n: number): AttentionInputs {
  return { q: prefixBlock(x.q, n), k: prefixBlock(x.k, n), v: prefixBlock(x.v, n) };
}
