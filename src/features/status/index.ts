/** The status screen's public face: what the shell and the other screens may use. */

export { StatusPage } from './StatusPage';
