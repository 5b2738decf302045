#!/usr/bin/env python3
"""Numpy-written fixtures for the .npy/.npz reader (src/core/npy) and the CLI's `attention --input`.

Run from the repository root (needs only numpy >= 1.17; the files were made with numpy 2.4.6 and
the same numpy writes the same bytes on every run):

    python3 scripts/make-npy-fixtures.py

It (re)writes e2e/data/npy/:

  qkv.npz                   numpy.savez (stored entries) of q, k, v: float32, 2 heads, n = 64,
                            d = 16, dv = 16; clustered keys (4 centres per head) and queries near
                            those centres, so the attention weights have structure
  qkv_compressed.npz        numpy.savez_compressed (deflate) of the same numbers as float64
  q.npy, k.npy, v.npy       the same float32 arrays, shape (heads, n, d)
  expected_dense.npy        softmax(q k^T / sqrt(d)) v per head, computed by numpy in float64
                            from the float32 values; non-causal
  expected_dense_causal.npy the same with the causal mask (key j <= query i)
  bigendian.npy             '>f4' (the reader swaps its bytes)
  fortran.npy               fortran_order True (the reader transposes it to C order)
  int32.npy                 an integer array (refused: not a float dtype)
  nan.npy                   float32 with one NaN at flat index 5 (refused, naming the index)
  truncated.npy             a valid header whose data stops 10 bytes short (refused)
  not_npy.npy               random bytes (refused: not a .npy file)
  mismatched.npz            q, k, v where k has another n (refused when read as inputs)
  nan_k.npz                 qkv.npz's arrays with one NaN in k at [1, 3, 2] (refused)
  int32_q.npz               qkv.npz's arrays with q as int32 (refused: not a float dtype)
  damaged.npz               the first half of qkv.npz's bytes (a zip cut short: refused)
  version2.npy, version3.npy  a small float64 array in .npy format versions 2.0 and 3.0

The tests read these files and compare against the numbers numpy wrote; rerun this script only
if you mean to change them (and then rerun the tests).
"""

import os

import numpy as np

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "e2e", "data", "npy")
SEED = 20240601
HEADS, N, D, DV, CENTRES = 2, 64, 16, 16, 4


def inputs(rng):
    """Clustered keys and queries near the same centres; Gaussian values. Float32."""
    centres = rng.normal(size=(HEADS, CENTRES, D)) * 1.5
    key_of = rng.integers(0, CENTRES, size=(HEADS, N))
    query_of = rng.integers(0, CENTRES, size=(HEADS, N))
    heads = np.arange(HEADS)[:, None]
    k = centres[heads, key_of] + 0.3 * rng.normal(size=(HEADS, N, D))
    q = centres[heads, query_of] + 0.3 * rng.normal(size=(HEADS, N, D))
    v = rng.normal(size=(HEADS, N, DV))
    return q.astype(np.float32), k.astype(np.float32), v.astype(np.float32)


def dense(q, k, v, causal):
    """softmax(q k^T / sqrt(d) + mask) v in float64, per head."""
    q, k, v = (x.astype(np.float64) for x in (q, k, v))
    s = q @ np.swapaxes(k, -1, -2) / np.sqrt(q.shape[-1])
    if causal:
        n = s.shape[-1]
        s = np.where(np.tril(np.ones((n, n), dtype=bool)), s, -np.inf)
    s -= s.max(axis=-1, keepdims=True)
    p = np.exp(s)
    p /= p.sum(axis=-1, keepdims=True)
    return p @ v


def main():
    os.makedirs(OUT, exist_ok=True)
    path = lambda name: os.path.join(OUT, name)  # noqa: E731
    rng = np.random.default_rng(SEED)
    q, k, v = inputs(rng)

    np.savez(path("qkv.npz"), q=q, k=k, v=v)
    np.savez_compressed(
        path("qkv_compressed.npz"),
        q=q.astype(np.float64),
        k=k.astype(np.float64),
        v=v.astype(np.float64),
    )
    for name, x in (("q", q), ("k", k), ("v", v)):
        np.save(path(f"{name}.npy"), x)
    np.save(path("expected_dense.npy"), dense(q, k, v, causal=False))
    np.save(path("expected_dense_causal.npy"), dense(q, k, v, causal=True))

    small = (np.arange(24, dtype=np.float32).reshape(2, 3, 4) - 11.5) / 4
    np.save(path("bigendian.npy"), small.astype(">f4"))
    np.save(path("fortran.npy"), np.asfortranarray(small))
    np.save(path("int32.npy"), np.arange(12, dtype=np.int32).reshape(3, 4))
    with_nan = small.copy()
    with_nan.flat[5] = np.nan
    np.save(path("nan.npy"), with_nan)
    np.save(path("truncated.npy"), small)
    with open(path("truncated.npy"), "r+b") as f:
        f.truncate(os.path.getsize(path("truncated.npy")) - 10)
    with open(path("not_npy.npy"), "wb") as f:
        f.write(rng.integers(0, 256, size=200, dtype=np.uint8).tobytes())
    for version in (2, 3):
        with open(path(f"version{version}.npy"), "wb") as f:
            np.lib.format.write_array(f, small.astype(np.float64) * 1e-3, version=(version, 0))
    mq, mk, mv = q[:, :8, :4], k[:, :7, :4], v[:, :8, :4]
    np.savez(path("mismatched.npz"), q=mq, k=mk, v=mv)
    k_nan = k.copy()
    k_nan[1, 3, 2] = np.nan
    np.savez(path("nan_k.npz"), q=q, k=k_nan, v=v)
    np.savez(path("int32_q.npz"), q=(q * 10).astype(np.int32), k=k, v=v)
    with open(path("qkv.npz"), "rb") as f:
        whole = f.read()
    with open(path("damaged.npz"), "wb") as f:
        f.write(whole[: len(whole) // 2])

    total = sum(os.path.getsize(path(f)) for f in os.listdir(OUT))
    print(f"wrote {len(os.listdir(OUT))} files, {total} bytes, to {os.path.relpath(OUT)}")


if __name__ == "__main__":
    main()
