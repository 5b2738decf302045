import {
  type SymbolType,
  symbol,
  symbolAsterisk,
  symbolCircle,
  symbolCross,
  symbolDiamond,
  symbolPlus,
  symbolSquare,
  symbolStar,
  symbolTimes,
  symbolTriangle,
  symbolWye,
} from 'd3';
import type { MarkerShape } from './palette';

/** Downward triangle: d3's triangle turned over (read as a different mark in greyscale). */
const symbolTriangleDown: SymbolType = {
  draw(context, size) {
    symbolTriangle.draw(
      {
        moveTo: (x, y) => context.moveTo(x, -y),
        lineTo: (x, y) => context.lineTo(x, -y),
        closePath: () => context.closePath(),
      } as typeof context,
      size,
    );
  },
};

const TYPES: Record<MarkerShape, { type: SymbolType; stroked: boolean }> = {
  circle: { type: symbolCircle, stroked: false },
  square: { type: symbolSquare, stroked: false },
  triangle: { type: symbolTriangle, stroked: false },
  diamond: { type: symbolDiamond, stroked: false },
  star: { type: symbolStar, stroked: false },
  wye: { type: symbolWye, stroked: false },
  cross: { type: symbolCross, stroked: false },
  triangleDown: { type: symbolTriangleDown, stroked: false },
  times: { type: symbolTimes, stroked: true },
  plus: { type: symbolPlus, stroked: true },
  asterisk: { type: symbolAsterisk, stroked: true },
  ring: { type: symbolCircle, stroked: true },
};

const cache = new Map<string, string>();

/** SVG path of a marker centred on 0,0 with about `size` px² of area. */
export function markerPath(shape: MarkerShape, size: number): string {
  const key = `${shape}:${size}`;
  let d = cache.get(key);
  if (d === undefined) {
    d = symbol(TYPES[shape].type, size)() ?? '';
    cache.set(key, d);
  }
  return d;
}

/** Stroke-only shapes (×, +, ✳, the ring) have no inside to fill. */
export const isStroked = (shape: MarkerShape) => TYPES[shape].stroked;
