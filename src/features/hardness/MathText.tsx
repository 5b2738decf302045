import { Fragment } from 'react';

/** Split `e^{‖x+y‖²}` and `Σ_{i>m}` into text, superscripts and subscripts (no HTML parsing). */
export function mathParts(text: string): { kind: 'text' | 'sup' | 'sub'; text: string }[] {
  const parts: { kind: 'text' | 'sup' | 'sub'; text: string }[] = [];
  const re = /([_^])\{([^}]*)\}/g;
  let at = 0;
  for (const m of text.matchAll(re)) {
    if (m.index > at) parts.push({ kind: 'text', text: text.slice(at, m.index) });
    parts.push({ kind: m[1] === '^' ? 'sup' : 'sub', text: m[2] });
    at = m.index + m[0].length;
  }
  if (at < text.length) parts.push({ kind: 'text', text: text.slice(at) });
  return parts;
}

/** Text with `^{…}` drawn as superscript and `_{…}` as subscript. */
export function MathText({ text }: { text: string }) {
  return (
    <>
      {mathParts(text).map((p, i) => {
        const key = `${i}${p.kind}`;
        if (p.kind === 'sup') return <sup key={key}>{p.text}</sup>;
        if (p.kind === 'sub') return <sub key={key}>{p.text}</sub>;
        return <Fragment key={key}>{p.text}</Fragment>;
      })}
    </>
  );
}
