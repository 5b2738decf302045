/**
 * The hardness lab's figures, each usable alone (the guided story shows them in its steps):
 * each draws its chart with the given controls (defaults when absent) and runs or loads its
 * own data. The sources they demonstrate are in core/sources.ts (re-exported here).
 */

export { SOURCES, type Source } from '../../core/sources';
export { BoundedEntriesFigure } from './BoundedEntriesFigure';
export { FlopsMemoryFigure } from './FlopsMemoryFigure';
export { ModFigure } from './ModFigure';
export { PerformerFigure } from './PerformerFigure';
export { RankLimitFigure } from './RankLimitFigure';
