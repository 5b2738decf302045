import { describe, expect, it } from 'vitest';
import { mathParts } from './MathText';

describe('math text', () => {
  it('splits superscripts and subscripts out of plain text', () => {
    expect(mathParts('(e^{‖x+y‖²} − 1)/m, Σ_{i>m} σ')).toEqual([
      { kind: 'text', text: '(e' },
      { kind: 'sup', text: '‖x+y‖²' },
      { kind: 'text', text: ' − 1)/m, Σ' },
      { kind: 'sub', text: 'i>m' },
      { kind: 'text', text: ' σ' },
    ]);
    expect(mathParts('no markup')).toEqual([{ kind: 'text', text: 'no markup' }]);
  });
});
