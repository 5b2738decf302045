/**
 * Every term of art the app's text uses, explained once. Text marks a term as `[[id]]` or
 * `[[shown words|id]]` (see richText.ts); the Term component shows the explanation on hover,
 * keyboard focus and tap. Explanations may hold `$…$` maths but no further terms.
 */
export interface GlossaryEntry {
  /** How the term is written when the text does not say otherwise. */
  name: string;
  explain: string;
}

export const GLOSSARY = {
  Q: {
    name: 'Q',
    explain:
      'Queries: an $n \\times d$ matrix, one row per token, saying what that token is looking for.',
  },
  K: {
    name: 'K',
    explain:
      'Keys: an $n \\times d$ matrix, one row per token, saying what that token offers; a query scores every key by a dot product.',
  },
  V: {
    name: 'V',
    explain:
      'Values: an $n \\times d$ matrix, one row per token; each output row is a weighted average of these rows.',
  },
  d: {
    name: 'd',
    explain: 'The head dimension: the length of each query, key and value vector (64 is common).',
  },
  n: {
    name: 'n',
    explain: 'The sequence length: how many tokens attend to each other.',
  },
  scores: {
    name: 'score matrix',
    explain:
      'The $n \\times n$ matrix $QK^\\top/\\sqrt{d}$: one number for every pair of query and key. Exact attention computes all $n^2$ of them.',
  },
  softmax: {
    name: 'softmax',
    explain:
      'Turns a row of scores into weights that are positive and sum to 1: $e^{s_j} / \\sum_k e^{s_k}$. Larger scores take most of the weight.',
  },
  logit: {
    name: 'logit',
    explain:
      'A score before the softmax. Large logits give sharp attention (nearly all weight on one key).',
  },
  FLOPs: {
    name: 'FLOPs',
    explain:
      'Floating-point operations, counting a multiply-add as 2. Dense attention needs $4n^2d$ per head.',
  },
  subquadratic: {
    name: 'sub-quadratic',
    explain: 'Growing more slowly than $n^2$, for example like $n$ or $n \\log n$.',
  },
  SETH: {
    name: 'SETH',
    explain:
      'The Strong Exponential Time Hypothesis: satisfiability of boolean formulas cannot be solved much faster than trying all assignments. Widely believed, unproven; many lower bounds assume it.',
  },
  frobenius: {
    name: 'Frobenius norm',
    explain:
      'The square root of the sum of squares of all entries of a matrix: $\\lVert X \\rVert_F = \\sqrt{\\sum_{ij} X_{ij}^2}$.',
  },
  relError: {
    name: 'relative error',
    explain:
      'How far an approximate output is from the exact one, as a fraction of the exact one’s size. 0 is exact; 1 is as wrong as outputting all zeros; above 1 is worse than that.',
  },
  iid: {
    name: 'iid',
    explain:
      'Independent and identically distributed: every entry drawn afresh from one distribution.',
  },
  lowRank: {
    name: 'low rank',
    explain:
      'A matrix of rank $r$ is a product of an $n \\times r$ and an $r \\times n$ matrix; when $r$ is small it is cheap to store and multiply, but it cannot express sharp patterns such as the identity.',
  },
  featureMap: {
    name: 'kernel feature map',
    explain:
      'A function $\\varphi$ with $\\varphi(q)^\\top \\varphi(k) \\approx e^{q^\\top k}$: it lets attention be computed as $\\varphi(Q)(\\varphi(K)^\\top V)$, in time linear in $n$.',
  },
  sparse: {
    name: 'sparse attention',
    explain:
      'Attention that computes only some of the scores (a window of neighbours, a few global tokens, random links) and treats the rest as zero weight.',
  },
  window: {
    name: 'window attention',
    explain: 'Each token attends only to its $w$ nearest neighbours: time $O(nwd)$.',
  },
  HBM: {
    name: 'HBM',
    explain:
      'High-bandwidth memory: the GPU’s large main memory (tens of GB). Slow compared with on-chip memory, so kernels try to read and write it as little as possible.',
  },
  SRAM: {
    name: 'SRAM',
    explain:
      'The GPU’s small on-chip memory (shared or workgroup memory and registers, about a hundred KB per core): fast, but too small to hold an $n \\times n$ matrix.',
  },
  tiling: {
    name: 'tiling',
    explain:
      'Cutting a computation into blocks small enough for fast on-chip memory and processing them one after another.',
  },
  onlineSoftmax: {
    name: 'online softmax',
    explain:
      'A softmax computed block by block, keeping a running maximum and running sum and rescaling the partial output, so the whole row of scores is never stored.',
  },
  fused: {
    name: 'fused kernel',
    explain:
      'One GPU program that does the whole computation (scores, softmax, weighted sum) in one dispatch, keeping its tiles in on-chip memory.',
  },
  dispatch: {
    name: 'dispatch',
    explain:
      'One launch of a GPU program. Each costs a fixed overhead, and between dispatches data goes through main memory.',
  },
  MoD: {
    name: 'Mixture-of-Depths',
    explain:
      'A block with a router that sends only a fixed share (the capacity $c$) of the tokens through it; the others skip it along the residual stream.',
  },
  capacity: {
    name: 'capacity',
    explain:
      'In Mixture-of-Depths, the share $c$ of tokens a block processes: $c \\cdot n$ of the $n$ tokens.',
  },
  residual: {
    name: 'residual stream',
    explain:
      'The running vector of each token that every block reads and adds its output to: $x_{l+1} = x_l + F(x_l)$.',
  },
  dModel: {
    name: 'd_model',
    explain:
      'The width of the residual stream: the length of each token’s vector between blocks (heads × head dimension).',
  },
  LayerNorm: {
    name: 'LayerNorm',
    explain:
      'Normalises a vector to mean 0 and variance 1 over its entries, then scales and shifts it by learned weights.',
  },
  RMSNorm: {
    name: 'RMSNorm',
    explain:
      'Like LayerNorm without subtracting the mean: divides a vector by the root of its mean square, then scales it.',
  },
  PreNorm: {
    name: 'PreNorm',
    explain:
      'The block normalises its input and adds its output to the un-normalised stream: $x_{l+1} = x_l + F(\\mathrm{LN}(x_l))$. The stream itself is never normalised.',
  },
  PostNorm: {
    name: 'PostNorm',
    explain:
      'The block adds its output to the stream and normalises the sum: $x_{l+1} = \\mathrm{LN}(x_l + F(x_l))$ (the original Transformer).',
  },
  rollout: {
    name: 'attention rollout',
    explain:
      'Multiplies the attention matrices of all layers (each averaged over heads and mixed half-and-half with the identity, for the residual path) to estimate how much each input token reaches each output.',
  },
  share: {
    name: 'additive share',
    explain:
      'The part of the final stream that one block contributed, measured along the final stream’s direction; the shares of all blocks and the embedding sum to 1.',
  },
} as const satisfies Record<string, GlossaryEntry>;

export type TermId = keyof typeof GLOSSARY;

export const isTermId = (id: string): id is TermId => Object.hasOwn(GLOSSARY, id);
