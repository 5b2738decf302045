/** n is a positive integer power of two (sizes the lab, the CLI and the worker accept). */
export const isPow2 = (n: number): boolean => Number.isInteger(n) && n > 0 && (n & (n - 1)) === 0;
