/** The share screen's public face: what the shell and the other screens may use. */

export { EmbedView } from './EmbedView';
export { currentBackend, currentView, startHashSync } from './hashSync';
export { ShareButton } from './ShareDialog';
export { encodeLabHash, pageBase } from './shareHash';
