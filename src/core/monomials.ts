/**
 * Monomial feature maps for the Taylor variant. (x·y)ᵗ/t! = Σ_{|α|=t} (x^α/√α!)(y^α/√α!), so
 * the features x^α/√α! for all multi-indices |α| ≤ p give Σ_{t≤p} (x·y)ᵗ/t! as a dot product.
 * A degree-t monomial is a sorted index tuple a₁ ≤ … ≤ a_t; there are C(d+t−1, t) of them.
 */
export interface MonomialSet {
  degree: number;
  /** indices[s][f] = a_{s+1} of monomial f. */
  indices: Int32Array[];
  /** 1/√α! per monomial. */
  coeff: Float32Array;
}

const factorial = (k: number) => {
  let f = 1;
  for (let i = 2; i <= k; i++) f *= i;
  return f;
};

export function monomialsOfDegree(d: number, t: number): MonomialSet {
  const tuples: number[][] = [];
  const walk = (prefix: number[], from: number) => {
    if (prefix.length === t) {
      tuples.push(prefix.slice());
      return;
    }
    for (let a = from; a < d; a++) {
      prefix.push(a);
      walk(prefix, a);
      prefix.pop();
    }
  };
  walk([], 0);
  const indices = Array.from({ length: t }, (_, s) => Int32Array.from(tuples, (tu) => tu[s]));
  const coeff = Float32Array.from(tuples, (tu) => {
    let alphaFact = 1;
    let run = 1;
    for (let s = 1; s <= tu.length; s++) {
      if (s < tu.length && tu[s] === tu[s - 1]) run++;
      else {
        alphaFact *= factorial(run);
        run = 1;
      }
    }
    return 1 / Math.sqrt(alphaFact);
  });
  return { degree: t, indices, coeff };
}
