/** The CSV columns of a sweep, shared by the CLI's `sweep --format csv` and the lab's download. */
export const CSV_COLUMNS = [
  'variant',
  'n',
  'refused',
  'msMedian',
  'msMin',
  'msMax',
  'kernelMs',
  'peakBytes',
  'analyticBytes',
  'analyticFlops',
  'relError',
  'maxAbsError',
  'errorReference',
  'fitSlope',
  'params',
] as const;
