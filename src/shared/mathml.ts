import temml from 'temml';

/**
 * TeX → MathML for the formulas the app writes itself (constant strings in the source), and a
 * spoken form of the same TeX for screen readers. MathML is rendered natively by Chromium,
 * Firefox and Safari, so no script or font is loaded and the page's CSP stays as it is.
 */

const escapeAttr = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * The MathML string of `tex`, with `alt` as its text alternative (`alttext` and `aria-label`).
 * Inline `style` attributes (temml writes a few, e.g. for \tfrac) are dropped: the CSP's
 * `style-src 'self'` would refuse them and log a violation; the maths reads the same without.
 */
export function texToMathML(tex: string, opts: { display?: boolean; alt: string }): string {
  const raw = temml.renderToString(tex, { displayMode: opts.display ?? false, throwOnError: true });
  const alt = escapeAttr(opts.alt);
  return raw
    .replace(/\sstyle="[^"]*"/g, '')
    .replace(/^<math/, `<math alttext="${alt}" aria-label="${alt}"`);
}

const WORDS: Record<string, string> = {
  alpha: 'alpha',
  beta: 'beta',
  gamma: 'gamma',
  delta: 'delta',
  Delta: 'Delta',
  epsilon: 'epsilon',
  varepsilon: 'epsilon',
  theta: 'theta',
  Theta: 'Theta',
  lambda: 'lambda',
  mu: 'mu',
  pi: 'pi',
  rho: 'rho',
  sigma: 'sigma',
  Sigma: 'Sigma',
  tau: 'tau',
  phi: 'phi',
  varphi: 'phi',
  omega: 'omega',
  ell: 'ell',
  sum: 'sum over',
  prod: 'product over',
  cdot: 'times',
  times: 'times',
  cdots: 'dots',
  ldots: 'dots',
  dots: 'dots',
  le: 'at most',
  leq: 'at most',
  ge: 'at least',
  geq: 'at least',
  ne: 'not equal to',
  neq: 'not equal to',
  approx: 'approximately',
  sim: 'distributed as',
  propto: 'proportional to',
  in: 'in',
  to: 'to',
  rightarrow: 'to',
  leftarrow: 'from',
  Rightarrow: 'implies',
  implies: 'implies',
  infty: 'infinity',
  log: 'log',
  exp: 'exp',
  min: 'min',
  max: 'max',
  top: 'transpose',
  langle: 'inner product of',
  rangle: ',',
  lVert: 'norm of',
  rVert: ',',
  lvert: 'absolute value of',
  rvert: ',',
  mid: 'given',
  partial: 'partial',
  nabla: 'gradient',
  quad: ';',
  qquad: ';',
  emptyset: 'empty set',
  lceil: 'ceiling of',
  rceil: ',',
  ln: 'ln',
  prime: 'prime',
};

/**
 * TeX read aloud, roughly as a person would: `\frac{a}{b}` → "a over b", `x^{2}` → "x squared",
 * `x_{l+1}` → "x sub l plus 1". Good enough as a text alternative; a formula may pass its own.
 */
export function texToSpeech(tex: string): string {
  let i = 0;
  const group = (): string => {
    // One argument: a brace group, a command, or a single character.
    while (tex[i] === ' ') i++;
    if (tex[i] === '{') {
      i++;
      const s = seq('}');
      i++;
      return s;
    }
    return atom();
  };
  const atom = (): string => {
    const c = tex[i];
    if (c === undefined) return '';
    if (c === '\\') {
      const m = /^\\([A-Za-z]+|.)/.exec(tex.slice(i));
      const name = m ? m[1] : '';
      i += name.length + 1;
      if (name === 'frac' || name === 'tfrac' || name === 'dfrac') {
        const a = group();
        const b = group();
        return ` ${a} over ${b} `;
      }
      if (name === 'sqrt') return ` square root of ${group()} `;
      if (name === 'hat' || name === 'widehat') return ` ${group()} hat `;
      if (name === 'tilde' || name === 'widetilde') return ` ${group()} tilde `;
      if (name === 'bar' || name === 'overline') return ` ${group()} bar `;
      if (
        [
          'text',
          'mathrm',
          'operatorname',
          'mathit',
          'mathbf',
          'mathsf',
          'mathcal',
          'mathbb',
        ].includes(name)
      )
        return ` ${group()} `;
      if (['left', 'right', 'big', 'Big', 'bigg', 'Bigg'].includes(name)) return '';
      if (name === ',' || name === ';' || name === '!' || name === ' ') return ' ';
      if (name === '|') return ' norm ';
      if (name === '{' || name === '}') return '';
      return ` ${WORDS[name] ?? name} `;
    }
    if (c === '{') return group();
    i++;
    if (c === '}') return '';
    if (c === '^') {
      const sup = group().trim();
      if (sup === '2') return ' squared ';
      if (sup === 'transpose') return ' transpose ';
      return ` to the power ${sup} `;
    }
    if (c === '_') return ` sub ${group().trim()} `;
    if (c === '+') return ' plus ';
    if (c === '-' || c === '−') return ' minus ';
    if (c === '=') return ' equals ';
    if (c === '<') return ' less than ';
    if (c === '>') return ' greater than ';
    if (c === '/') return ' over ';
    if (c === '~') return ' ';
    if (c === '&') return ' ';
    return c;
  };
  const seq = (end: string | null): string => {
    let out = '';
    while (i < tex.length && tex[i] !== end) out += atom();
    return out;
  };
  return seq(null)
    .replace(/\s+/g, ' ')
    .replace(/\s+([,;)])/g, '$1')
    .replace(/;(\s*;)+/g, ';')
    .replace(/\(\s+/g, '(')
    .trim();
}
