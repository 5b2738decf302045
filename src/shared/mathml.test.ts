import { describe, expect, it } from 'vitest';
import { GLOSSARY } from './glossary';
import { texToMathML, texToSpeech } from './mathml';
import { parseRich, richTexts } from './richText';

describe('maths as MathML', () => {
  it('renders TeX to MathML with its text alternative, escaped', () => {
    const html = texToMathML('n^{1+o(1)}', { alt: 'n to the "1 + o(1)" <power>' });
    expect(html).toMatch(/^<math alttext="n to the &quot;1 \+ o\(1\)&quot; &lt;power&gt;"/);
    expect(html).toContain('<msup>');
    expect(html).not.toContain('^{');
  });

  it('drops the inline styles temml writes, which the CSP would refuse', () => {
    const raw = texToMathML('\\tfrac{1}{2}', { alt: 'one half' });
    expect(raw).toContain('<mfrac>');
    expect(raw).not.toMatch(/\sstyle=/);
  });

  it('marks display formulas as block maths', () => {
    expect(texToMathML('x', { alt: 'x', display: true })).toContain('display="block"');
  });

  it('throws on TeX it cannot read, so a typo fails the tests, not the page', () => {
    expect(() => texToMathML('\\frac{1}{', { alt: 'broken' })).toThrow();
  });

  it('reads TeX aloud in words', () => {
    expect(texToSpeech('\\frac{a}{b}')).toBe('a over b');
    expect(texToSpeech('x_{l+1} = x_l')).toBe('x sub l plus 1 equals x sub l');
    expect(texToSpeech('n^2')).toBe('n squared');
    expect(texToSpeech('QK^\\top/\\sqrt{d}')).toBe('QK transpose over square root of d');
    expect(texToSpeech('\\lVert X \\rVert_F')).toBe('norm of X, sub F');
  });
});

describe('rich text', () => {
  it('splits text, maths and terms', () => {
    expect(parseRich('a $n^2$ [[SETH]] and [[keys|K]].')).toEqual([
      { kind: 'text', text: 'a ' },
      { kind: 'math', tex: 'n^2' },
      { kind: 'text', text: ' ' },
      { kind: 'term', id: 'SETH', text: null },
      { kind: 'text', text: ' and ' },
      { kind: 'term', id: 'K', text: 'keys' },
      { kind: 'text', text: '.' },
    ]);
    expect(parseRich('plain')).toEqual([{ kind: 'text', text: 'plain' }]);
  });

  it('explains every glossary term in text whose maths renders and that names no term', () => {
    for (const [id, entry] of Object.entries(GLOSSARY)) {
      const { text, tex, terms } = richTexts(entry.explain);
      expect(terms, id).toEqual([]);
      for (const t of text) expect(t, id).not.toMatch(/[\\^_{}$]/);
      for (const t of tex)
        expect(texToMathML(t, { alt: texToSpeech(t) }), id).not.toMatch(/\sstyle=|merror/);
      expect(entry.explain.length, id).toBeGreaterThan(20);
    }
  });
});
