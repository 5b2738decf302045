/**
 * The small markup of the app's own explanatory text: `$…$` is inline TeX (rendered as MathML),
 * `[[id]]` is a glossary term shown with its usual name, `[[words|id]]` a term shown as `words`.
 * Everything else is plain text: no HTML is parsed.
 */
export type RichPart =
  | { kind: 'text'; text: string }
  | { kind: 'math'; tex: string }
  | { kind: 'term'; id: string; text: string | null };

export function parseRich(source: string): RichPart[] {
  const parts: RichPart[] = [];
  const re = /\$([^$]+)\$|\[\[([^\]|]+)(?:\|([^\]]+))?\]\]/g;
  let at = 0;
  for (const m of source.matchAll(re)) {
    if (m.index > at) parts.push({ kind: 'text', text: source.slice(at, m.index) });
    if (m[1] !== undefined) parts.push({ kind: 'math', tex: m[1] });
    else if (m[3] !== undefined) parts.push({ kind: 'term', id: m[3], text: m[2] });
    else parts.push({ kind: 'term', id: m[2], text: null });
    at = m.index + m[0].length;
  }
  if (at < source.length) parts.push({ kind: 'text', text: source.slice(at) });
  return parts;
}

/** The text a reader sees, with terms by their shown name and maths as its TeX (for checks). */
export function richTexts(source: string): { text: string[]; tex: string[]; terms: string[] } {
  const out = { text: [] as string[], tex: [] as string[], terms: [] as string[] };
  for (const p of parseRich(source)) {
    if (p.kind === 'text') out.text.push(p.text);
    else if (p.kind === 'math') out.tex.push(p.tex);
    else out.terms.push(p.id);
  }
  return out;
}
