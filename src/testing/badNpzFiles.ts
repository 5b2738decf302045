/**
 * Bad numpy files the lab must refuse, each with the start of its own message: the fixture in
 * e2e/data/npy/, the name it is offered under, and the message it must get. Shared by the unit
 * test of the loader and the e2e test of the lab.
 */
export const BAD_NPZ_FILES: readonly (readonly [file: string, name: string, why: RegExp])[] = [
  ['not_npy.npy', 'not_npy.npz', /^not_npy\.npz: not a \.npz file/],
  [
    'mismatched.npz',
    'mismatched.npz',
    /^mismatched\.npz: mismatched shapes: q, k, v have n = 8, 7, 8/,
  ],
  ['nan_k.npz', 'nan_k.npz', /^nan_k\.npz\/k\.npy: NaN at index \(1, 3, 2\)/],
  ['int32_q.npz', 'int32_q.npz', /^int32_q\.npz\/q\.npy: dtype '<i4' \(int32\) is not supported/],
  ['damaged.npz', 'damaged.npz', /^damaged\.npz: not a readable zip archive/],
];
