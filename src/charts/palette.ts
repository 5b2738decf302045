import { VARIANT_IDS } from '../core/variantSpecs';

/**
 * One stable colour and one marker shape per variant. The colours were picked (from the
 * Okabe–Ito, Paul Tol and Tableau sets) so that every two stay apart in normal vision and in
 * simulated protanopia, deuteranopia and tritanopia (colorVision.ts, checked in palette.test.ts);
 * the shape is a second cue that survives greyscale and print.
 */
export const VARIANT_COLORS: Readonly<Record<string, string>> = {
  dense: '#4477aa',
  flash: '#e69f00',
  fused: '#d55e00',
  window: '#999933',
  linformer: '#9c755f',
  performer: '#76b7b2',
  linear: '#59a14f',
  nystrom: '#56b4e9',
  bigbird: '#117733',
  lsh: '#555555',
  taylor: '#7f7f7f',
};

/**
 * Colour of an id that is not a built-in variant: the researcher's own kernel, or a name in a
 * file. Black stays ≥ 36 ΔE from every variant's colour in all four visions (palette.test.ts).
 */
export const OTHER_COLOR = '#000000';

export function variantColor(id: string): string {
  return VARIANT_COLORS[id] ?? OTHER_COLOR;
}

/** Marker shapes, filled ones first; the last ones are drawn as strokes (charts/markerShapes). */
export const MARKER_SHAPES = [
  'circle',
  'square',
  'triangle',
  'diamond',
  'star',
  'wye',
  'cross',
  'triangleDown',
  'times',
  'plus',
  'asterisk',
  'ring',
] as const;
export type MarkerShape = (typeof MARKER_SHAPES)[number];

/** A variant's marker: its index in the spec order (an open ring for other ids). */
export function variantShape(id: string): MarkerShape {
  const i = VARIANT_IDS.indexOf(id);
  return i < 0 ? 'ring' : MARKER_SHAPES[i % MARKER_SHAPES.length];
}
