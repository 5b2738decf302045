/**
 * Pure helpers of the chart export: file names, CSS variable resolution, inline style text and
 * the legend's layout. No DOM here, so Node tests can reach every branch.
 */

/** "Time against n (median)" → "time-against-n-median"; accents dropped, at most 60 chars. */
export function slug(text: string): string {
  const s = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return s || 'chart';
}

/** time-against-n-2025-01-31.svg */
export function chartFileName(title: string, ext: 'svg' | 'png', date = new Date()): string {
  return `${slug(title)}-${date.toISOString().slice(0, 10)}.${ext}`;
}

/** Replace each var(--name[, fallback]) with the variable's value (nested ones too). */
export function resolveCssVars(value: string, lookup: (name: string) => string): string {
  let out = value;
  for (let guard = 0; guard < 10 && out.includes('var('); guard++) {
    out = out.replace(
      /var\(\s*(--[\w-]+)\s*(?:,\s*([^()]*))?\)/g,
      (_, name: string, fb?: string) => {
        const v = lookup(name).trim();
        return v || (fb ?? '').trim();
      },
    );
  }
  return out;
}

/** SVG presentation properties copied from the computed style onto each exported element. */
export const INLINED_PROPS = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-opacity',
  'stroke-dasharray',
  'stroke-linejoin',
  'stroke-linecap',
  'paint-order',
  'opacity',
  'font-family',
  'font-size',
  'font-weight',
  'text-anchor',
  'dominant-baseline',
] as const;

/**
 * The computed properties to write as presentation attributes (not a style attribute: the
 * page's CSP forbids inline styles): empty values left out, and so are those equal to the
 * parent's when a parent is given (they inherit, or are the default).
 */
export function ownAttributes(
  read: (prop: string) => string,
  parent?: (prop: string) => string,
  props: readonly string[] = INLINED_PROPS,
): [string, string][] {
  return props
    .map((p) => [p, read(p).trim().replace(/"/g, "'")] as [string, string])
    .filter(([p, v]) => v !== '' && (!parent || parent(p).trim().replace(/"/g, "'") !== v));
}

/** XML text escaping for attribute values and text nodes. */
export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

export interface LegendBox {
  x: number;
  y: number;
  width: number;
}

/** Wrap legend pills into rows no wider than maxWidth, as the screen's flex-wrap does. */
export function layoutLegend(
  widths: readonly number[],
  maxWidth: number,
  rowHeight: number,
  gap = { x: 6, y: 4 },
): { boxes: LegendBox[]; height: number } {
  const boxes: LegendBox[] = [];
  let x = 0;
  let y = 0;
  for (const width of widths) {
    if (x > 0 && x + width > maxWidth) {
      x = 0;
      y += rowHeight + gap.y;
    }
    boxes.push({ x, y, width });
    x += width + gap.x;
  }
  return { boxes, height: widths.length === 0 ? 0 : y + rowHeight };
}
