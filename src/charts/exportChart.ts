import { escapeXml, layoutLegend, ownAttributes, resolveCssVars } from './exportStyle';

/**
 * A chart as a standalone SVG (title, legend drawn in SVG, the chart body with its computed
 * styles inlined, a panel-coloured background) and as a PNG drawn from that SVG at 2×.
 */

export interface ExportLegendItem {
  label: string;
  color: string;
  note?: string;
}

export interface ChartExportSource {
  figure: HTMLElement;
  svg: SVGSVGElement;
  title: string;
  /** The visible series only. */
  legend: readonly ExportLegendItem[];
}

export interface ChartImage {
  svg: string;
  width: number;
  height: number;
}

const PAD = 8;
const PILL_H = 22;
const SWATCH = 14;

let measureCtx: CanvasRenderingContext2D | null = null;
function textWidth(text: string, font: string): number {
  measureCtx ??= document.createElement('canvas').getContext('2d');
  if (!measureCtx) return text.length * 7;
  measureCtx.font = font;
  return measureCtx.measureText(text).width;
}

/**
 * The on-screen svg's marks, cloned, with computed styles written as presentation attributes
 * (CSS variables come out resolved): on the top elements every property, below them only what
 * differs from the parent. Classes and mark titles are dropped.
 */
function inlinedBody(svg: SVGSVGElement): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const from = [...svg.querySelectorAll('*')];
  const to = [...clone.querySelectorAll('*')];
  const styles = new Map<Element, CSSStyleDeclaration>();
  from.forEach((el, i) => {
    if (el.closest('title')) return;
    const cs = getComputedStyle(el);
    styles.set(el, cs);
    const parent = el.parentNode === svg ? undefined : styles.get(el.parentNode as Element);
    const target = to[i];
    target.removeAttribute('class');
    const read = (p: string) => cs.getPropertyValue(p);
    const fromParent = parent ? (p: string) => parent.getPropertyValue(p) : undefined;
    for (const [name, value] of ownAttributes(read, fromParent)) target.setAttribute(name, value);
    for (const a of [...target.attributes]) {
      if (a.value.includes('var(')) target.removeAttribute(a.name);
    }
  });
  for (const t of clone.querySelectorAll('title')) t.remove();
  const xml = new XMLSerializer();
  return [...clone.children].map((c) => xml.serializeToString(c)).join('');
}

/** The chart as one standalone SVG document, sized as on screen (plus a small margin). */
export function chartSvg(src: ChartExportSource): ChartImage {
  const cs = getComputedStyle(src.figure);
  const v = (name: string) => resolveCssVars(`var(${name})`, (n) => cs.getPropertyValue(n));
  const colors = {
    panel: v('--panel') || '#ffffff',
    text: v('--text') || '#1d1f23',
    muted: v('--muted') || '#5d636e',
    line: v('--line') || '#dfe1e5',
  };
  const family = cs.fontFamily.replace(/"/g, "'");
  const mono = (v('--mono') || 'monospace').replace(/"/g, "'");
  const bodyW = src.svg.width.baseVal.value || src.svg.getBoundingClientRect().width;
  const bodyH = src.svg.height.baseVal.value || src.svg.getBoundingClientRect().height;
  const width = Math.round(bodyW + 2 * PAD);

  // Title: the figcaption's font, shrunk to one line when it would not fit.
  const caption = src.figure.querySelector('.chart-title');
  const tcs = caption ? getComputedStyle(caption) : cs;
  const weight = tcs.fontWeight || '600';
  let titleSize = Number.parseFloat(tcs.fontSize) || 15;
  const titleW = textWidth(src.title, `${weight} ${titleSize}px ${family}`);
  if (titleW > width - 2 * PAD) titleSize *= (width - 2 * PAD) / titleW;
  const titleY = PAD + titleSize;

  // Legend: pills as on screen (swatch, label, note), wrapped to the width.
  const fontSize = 12.8;
  const noteSize = 12;
  const items = src.legend.map((item) => {
    const labelW = textWidth(item.label, `${fontSize}px ${family}`);
    const noteW = item.note ? textWidth(item.note, `${noteSize}px ${mono}`) + 5 : 0;
    return { item, labelW, w: 4 + SWATCH + 5 + labelW + noteW + 10 };
  });
  const legendTop = titleY + 10;
  const { boxes, height: legendH } = layoutLegend(
    items.map((i) => i.w),
    width - 2 * PAD,
    PILL_H,
  );
  const legend = items
    .map(({ item, labelW, w }, i) => {
      const { x, y } = boxes[i];
      const color = resolveCssVars(item.color, (n) => cs.getPropertyValue(n));
      const mid = y + PILL_H / 2;
      const note = item.note
        ? `<text x="${x + 4 + SWATCH + 5 + labelW + 5}" y="${mid}" dy="0.35em" font-family="${mono}" font-size="${noteSize}" fill="${colors.muted}">${escapeXml(item.note)}</text>`
        : '';
      return (
        `<rect x="${x + 0.5}" y="${y + 0.5}" width="${w - 1}" height="${PILL_H - 1}" rx="${PILL_H / 2}" fill="${colors.panel}" stroke="${colors.line}"/>` +
        `<rect x="${x + 4}" y="${mid - SWATCH / 2}" width="${SWATCH}" height="${SWATCH}" rx="3" fill="${escapeXml(color)}"/>` +
        `<text x="${x + 4 + SWATCH + 5}" y="${mid}" dy="0.35em" font-size="${fontSize}" fill="${colors.text}">${escapeXml(item.label)}</text>${note}`
      );
    })
    .join('');

  const bodyTop = legendTop + legendH + (legendH > 0 ? 8 : 0);
  const height = Math.ceil(bodyTop + bodyH + PAD);
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${family}">` +
    `<rect width="${width}" height="${height}" fill="${colors.panel}"/>` +
    `<text x="${PAD}" y="${titleY}" font-size="${titleSize.toFixed(2)}" font-weight="${weight}" fill="${colors.text}">${escapeXml(src.title)}</text>` +
    `<g transform="translate(${PAD},${legendTop})">${legend}</g>` +
    `<g transform="translate(${PAD},${bodyTop})" font-size="11">${inlinedBody(src.svg)}</g>` +
    '</svg>';
  return { svg, width, height };
}

/** Draw the SVG into a canvas at `scale`× and encode it as PNG. */
export async function chartPng(image: ChartImage, scale = 2): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([image.svg], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    await new Promise<void>((resolve, reject) => {
      img.onload = () => resolve();
      img.onerror = () => reject(new Error('the chart image could not be drawn'));
      img.src = url;
    });
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(image.width * scale);
    canvas.height = Math.round(image.height * scale);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2D canvas to draw the chart');
    ctx.scale(scale, scale);
    ctx.drawImage(img, 0, 0, image.width, image.height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob(
        (b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))),
        'image/png',
      ),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** Save a Blob as a file through an object URL and a clicked link. */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
