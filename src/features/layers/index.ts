/** The layers screen's public face: what the shell and the other screens may use. */

export { LayerExplorer } from './LayerExplorer';
export { LayerStoryFigure } from './LayerStoryFigure';
