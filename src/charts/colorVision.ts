import { lab, rgb } from 'd3';

/**
 * Colour-vision deficiency simulation (Machado, Oliveira & Fernandes 2009, severity 1, applied
 * in linear RGB) and the CIE76 colour difference ΔE*ab between two colours as such a reader
 * sees them. Used to check the variant palette.
 */

const MATRICES = {
  protanopia: [
    0.152286, 1.052583, -0.204868, 0.114503, 0.786281, 0.099216, -0.003882, -0.048116, 1.051998,
  ],
  deuteranopia: [
    0.367322, 0.860646, -0.227968, 0.280085, 0.672501, 0.047413, -0.01182, 0.04294, 0.968881,
  ],
  tritanopia: [
    1.255528, -0.076749, -0.178779, -0.078411, 0.930809, 0.147602, 0.004733, 0.691367, 0.3039,
  ],
} as const;

export type Vision = 'normal' | keyof typeof MATRICES;
export const VISIONS: readonly Vision[] = ['normal', 'protanopia', 'deuteranopia', 'tritanopia'];

const toLinear = (c: number) => {
  const s = c / 255;
  return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
};
const toGamma = (c: number) => 255 * (c <= 0.0031308 ? 12.92 * c : 1.055 * c ** (1 / 2.4) - 0.055);
const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

/** The colour as a reader with `vision` sees it, as #rrggbb. */
export function simulate(color: string, vision: Vision): string {
  const c = rgb(color);
  if (vision === 'normal') return c.formatHex();
  const m = MATRICES[vision];
  const l = [toLinear(c.r), toLinear(c.g), toLinear(c.b)];
  const out = [0, 1, 2].map((i) =>
    toGamma(clamp01(m[3 * i] * l[0] + m[3 * i + 1] * l[1] + m[3 * i + 2] * l[2])),
  );
  return rgb(out[0], out[1], out[2]).formatHex();
}

/** CIE76 ΔE*ab between two colours seen with `vision`. */
export function deltaE(a: string, b: string, vision: Vision = 'normal'): number {
  const x = lab(simulate(a, vision));
  const y = lab(simulate(b, vision));
  return Math.hypot(x.l - y.l, x.a - y.a, x.b - y.b);
}
