/** The hardness screen's public face: what the shell and the other screens may use. */

export { BoundedEntriesFigure, ModFigure } from './figures';
export { HardnessLab } from './HardnessLab';
