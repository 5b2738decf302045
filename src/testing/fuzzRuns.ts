/**
 * How many cases a property-based (fast-check) fuzz test tries. `npm test` runs the CI-sized
 * count; `npm run fuzz` sets FUZZ_LONG=1 for the long run whose figures go in docs/.
 * Every fuzz test is seeded (FUZZ_SEED, default 1) so a failure reproduces; fast-check shrinks
 * it to a minimal case and prints the seed and path.
 */
export function fuzzRuns(ciRuns: number, longRuns: number): number {
  return process.env.FUZZ_LONG === '1' ? longRuns : ciRuns;
}

export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 1);
