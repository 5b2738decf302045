import { describe, expect, it } from 'vitest';
import { isTermId } from '../../shared/glossary';
import { texToMathML, texToSpeech } from '../../shared/mathml';
import { richTexts } from '../../shared/richText';
import { PANELS } from './panels';

describe('hardness lab text', () => {
  it('writes its maths as TeX between $…$ (rendered), never raw in the text', () => {
    for (const spec of PANELS) {
      for (const source of spec.text) {
        const { text, tex, terms } = richTexts(source);
        for (const t of text) expect(t, spec.id).not.toMatch(/[\\^_{}$]|\[\[|\]\]/);
        for (const t of tex) expect(texToMathML(t, { alt: 'x' }), t).not.toMatch(/merror/);
        for (const id of terms) expect(isTermId(id), id).toBe(true);
      }
    }
  });

  it('renders every panel formula as MathML with a spoken text alternative', () => {
    for (const spec of PANELS) {
      const alt = texToSpeech(spec.formula);
      expect(alt, spec.id).not.toMatch(/[\\{}^_]/);
      const html = texToMathML(spec.formula, { display: true, alt });
      expect(html, spec.id).toMatch(/^<math alttext="/);
      expect(html, spec.id).not.toMatch(/\sstyle=|merror/);
    }
  });
});
