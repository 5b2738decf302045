/** The complexity screen's public face: what the shell and the other screens may use. */

export { ComplexityCharts } from './ComplexityCharts';
export { ComplexityLab } from './ComplexityLab';
export { chartRows, maxBindingOf, measuredPoint, paramsOf, shapeOf } from './chartRows';
export {
  buildJson,
  datedName,
  download,
  downloadJson,
  type ExportInput,
  exportName,
} from './exportResults';
export { LabStatusLine } from './LabStatusLine';
export { progressText, statusText } from './labRun';
export { useLabStore } from './labStore';
export { NoticeList, Notices } from './Notices';
export { KERNEL_KEY } from './ownKernelLink';
export { PrecomputedChart } from './PrecomputedChart';
export { dateOf, type ResultSet, whereMade } from './precomputed';
export { ResultsTable } from './ResultsTable';
export { encodeResults, LINK_LIMIT_CHARS, RESULTS_LINK_ROUNDING } from './resultsLink';
export { frontierForLink, shownRows } from './selectedRun';
export { RESULTS_KEY } from './sharedRun';
export { VariantParams } from './VariantParams';
export { useViewStore } from './viewStore';
