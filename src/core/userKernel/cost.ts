/**
 * The cost a researcher states for their own kernel, as they would write it in a paper:
 * "O(n^2 d)", "n·w·d", "n log n · d", "2 n^2 d + n d". Parsed (never evaluated as script) into
 * a function of the shape, so the charts can draw it as a theory curve and the results can hold
 * its FLOPs. Grammar: sums of products of numbers, the names below, `log x` or `log(x)` (base 2),
 * and `^` with a number exponent; juxtaposition, `*`, `·` and `×` multiply.
 */

/** The names a cost may use: the shape of one call (per head; the total is heads × cost). */
export const COST_NAMES = {
  n: 'sequence length',
  d: 'width of q and k',
  dv: 'width of v and the output',
} as const;
type Name = keyof typeof COST_NAMES;
export type CostShape = Record<Name, number>;

export const MAX_COST_CHARS = 80;

type Expr = (s: CostShape) => number;
type Token =
  | { kind: 'num'; value: number }
  | { kind: 'name'; value: string }
  | { kind: 'op'; value: string };

const TOKEN = /\s*(?:(\d+(?:\.\d+)?(?:e[+-]?\d+)?)|([A-Za-z]+)|([-+*·×^()²³]))/y;

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    const at = TOKEN.lastIndex;
    const m = TOKEN.exec(text);
    if (!m) {
      if (/^\s*$/.test(text.slice(at))) break;
      throw new Error(`"${text.slice(at).trim()[0]}" at character ${at + 1} is not part of a cost`);
    }
    if (m[1] !== undefined) out.push({ kind: 'num', value: Number(m[1]) });
    else if (m[2] !== undefined) out.push({ kind: 'name', value: m[2] });
    else if (m[3] === '²' || m[3] === '³') {
      out.push({ kind: 'op', value: '^' }, { kind: 'num', value: m[3] === '²' ? 2 : 3 });
    } else out.push({ kind: 'op', value: m[3] });
  }
  return out;
}

/** A recursive-descent parser over the tokens: sum → product → power → atom. */
function parser(tokens: Token[]) {
  let i = 0;
  const peek = () => tokens[i];
  const isOp = (v: string) => peek()?.kind === 'op' && peek().value === v;
  const expect = (v: string) => {
    if (!isOp(v)) throw new Error(`expected "${v}"`);
    i++;
  };

  function sum(): Expr {
    const terms = [product()];
    while (isOp('+')) {
      i++;
      terms.push(product());
    }
    return terms.length === 1 ? terms[0] : (s) => terms.reduce((a, t) => a + t(s), 0);
  }

  const startsAtom = () => {
    const t = peek();
    return t !== undefined && (t.kind !== 'op' || t.value === '(');
  };

  function product(): Expr {
    const factors = [power()];
    for (;;) {
      if (isOp('*') || isOp('·') || isOp('×')) i++;
      else if (!startsAtom()) break;
      factors.push(power());
    }
    return factors.length === 1 ? factors[0] : (s) => factors.reduce((a, f) => a * f(s), 1);
  }

  function power(): Expr {
    const base = atom();
    if (!isOp('^')) return base;
    i++;
    const t = peek();
    if (t?.kind !== 'num') throw new Error('an exponent must be a number, as in n^2');
    i++;
    const e = t.value;
    return (s) => base(s) ** e;
  }

  function atom(): Expr {
    const t = peek();
    if (t === undefined) throw new Error('the cost ends too soon');
    if (t.kind === 'num') {
      i++;
      return () => t.value;
    }
    if (t.kind === 'op') {
      if (t.value !== '(') throw new Error(`"${t.value}" cannot start a term`);
      i++;
      const inner = sum();
      expect(')');
      return inner;
    }
    i++;
    if (t.value === 'log') {
      const arg = power();
      return (s) => Math.log2(Math.max(2, arg(s)));
    }
    if (t.value in COST_NAMES) {
      const name = t.value as Name;
      return (s) => s[name];
    }
    const names = Object.keys(COST_NAMES).join(', ');
    throw new Error(
      `"${t.value}" is not a name a cost may use (${names}, log; write other constants as numbers, as in 16 n d for a window of 16)`,
    );
  }

  return {
    parse(): Expr {
      const e = sum();
      if (i < tokens.length) {
        const t = tokens[i];
        throw new Error(`"${t.value}" is left over after the cost`);
      }
      return e;
    },
  };
}

/** Drops an "O(…)" around the whole cost. */
function unwrapBigO(text: string): string {
  const m = /^\s*O\s*\((.*)\)\s*$/s.exec(text);
  return m ? m[1] : text;
}

/**
 * The stated cost as a function of the shape, or why it cannot be read. The function is
 * checked to be finite and positive at a small and a large shape.
 */
export function parseCost(text: string): { ok: true; cost: Expr } | { ok: false; error: string } {
  if (text.length > MAX_COST_CHARS) {
    return { ok: false, error: `a cost is at most ${MAX_COST_CHARS} characters` };
  }
  const inner = unwrapBigO(text);
  if (inner.trim() === '') return { ok: false, error: 'the cost is empty (for example: n^2 d)' };
  let cost: Expr;
  try {
    cost = parser(tokenize(inner)).parse();
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
  for (const s of [
    { n: 16, d: 1, dv: 1 },
    { n: 16384, d: 256, dv: 256 },
  ]) {
    const x = cost(s);
    if (!(Number.isFinite(x) && x > 0)) {
      return {
        ok: false,
        error: `the cost is ${x} at n = ${s.n}, d = ${s.d} (it must be positive and finite)`,
      };
    }
  }
  return { ok: true, cost };
}
