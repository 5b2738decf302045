/**
 * The guided story: what attention computes, then one step per question of the project's seed
 * text, in its order, then a recap. Each step is a preset state of the app (`open`: the screen
 * and settings that show it at full size), two to four sentences, the formula, the sources, and
 * the figure drawn beside it. Sentences carry no measured numbers: those come from the figures,
 * computed or measured where the reader can rerun them.
 *
 * Text uses the shared markup (shared/richText.ts): `$…$` is TeX rendered as MathML, `[[id]]` or
 * `[[words|id]]` a glossary term explained on hover, focus and tap. Notation throughout: n tokens,
 * head dimension d, queries Q, keys K, values V (each n × d), introduced in the first step.
 */

import { SOURCES, type Source } from '../../core/sources';

export type StoryFigureId =
  | 'toy'
  | 'time'
  | 'boundedEntries'
  | 'tradeoffWorks'
  | 'tradeoffFails'
  | 'mod'
  | 'flashCompare'
  | 'residualFlow'
  | 'depthNext'
  | 'recap';

export interface StoryFormula {
  tex: string;
  /** What a screen reader says (default: the TeX read aloud). */
  alt?: string;
}

export interface StoryStep {
  /** Stable id used in links: `#screen=story&step=<id>`. */
  id: string;
  /** A few words for the step list. */
  short: string;
  question: string;
  sentences: string[];
  formula: StoryFormula;
  sources: Source[];
  figure: StoryFigureId;
  /** The app state that shows this at full size (a hash without `#`) and the link's text. */
  open: { hash: string; label: string };
}

export const STORY_STEPS: readonly StoryStep[] = [
  {
    id: 'attention',
    short: 'Attention',
    question: 'What does attention compute?',
    sentences: [
      'A sequence of [[n]] tokens becomes three matrices with one row per token: queries [[Q]], keys [[K]] and values [[V]], each of width [[d]].',
      'Every query is compared with every key by a dot product, which gives the $n \\times n$ [[score matrix|scores]]; a [[softmax]] turns each row into weights that sum to 1.',
      'Each token’s output is the weighted average of the value rows. Touch a cell of the example to see how its score and weight are made, and sharpen the queries to watch the weights concentrate.',
    ],
    formula: {
      tex: 'S = \\frac{QK^\\top}{\\sqrt{d}}, \\quad P = \\operatorname{softmax}(S), \\quad O = PV',
      alt: 'S equals Q K transpose over square root of d; P equals softmax of S, row by row; O equals P V',
    },
    sources: [SOURCES.vaswani2017],
    figure: 'toy',
    open: { hash: 'screen=layers', label: 'See attention in a small model' },
  },
  {
    id: 'quadratic',
    short: 'The cost',
    question: 'What does exact attention cost?',
    sentences: [
      'The score matrix has $n^2$ entries, each a dot product of length $d$: doubling the sequence length quadruples the work.',
      'The chart is a measured run, not a formula: its legend fits the exponent of $n$ over the largest sequence lengths, and the dashed curves are the variants’ analytic [[FLOPs]] through each one’s largest point.',
      'At small $n$ a fixed cost per call (a [[dispatch]], a read-back) flattens the curves, which is why the fit looks at the large-$n$ end.',
      'Open it in the complexity lab to measure the same sweep on your own device.',
    ],
    formula: {
      tex: 'O = \\operatorname{softmax}\\!\\left(\\frac{QK^\\top}{\\sqrt{d}}\\right)V, \\qquad 4n^2d \\text{ FLOPs per head}',
      alt: 'O equals softmax of Q K transpose over square root of d, times V; 4 n squared d FLOPs per head',
    },
    sources: [SOURCES.vaswani2017],
    figure: 'time',
    open: {
      hash: 'screen=lab&variants=dense,flash,window,performer',
      label: 'Open the complexity lab',
    },
  },
  {
    id: 'unavoidable',
    short: 'Unavoidable?',
    question: 'Is quadratic attention provably unavoidable?',
    sentences: [
      'Under the Strong Exponential Time Hypothesis ([[SETH]]), computing self-attention even approximately needs time quadratic in $n$.',
      'Alman and Song locate the boundary: with entries of $Q$, $K$, $V$ bounded by $B$ and $d$ of order $\\log n$, a near-linear algorithm exists when $B$ is below $\\sqrt{\\log n}$, and none runs in truly [[sub-quadratic|subquadratic]] time once $B$ reaches it.',
      'The figure runs fixed-budget approximations on inputs uniform in $[-B, B]$: their error turns from small to large as $B^2/\\log n$ crosses 1.',
    ],
    formula: {
      tex: '\\begin{gathered} B = o\\big(\\sqrt{\\log n}\\big) \\Rightarrow n^{1+o(1)} \\text{ time} \\\\ B = \\Theta\\big(\\sqrt{\\log n}\\big) \\Rightarrow \\text{no } O(n^{2-q}) \\text{ under SETH} \\end{gathered}',
      alt: 'If B is little o of root log n, time n to the power 1 plus little o of 1; if B is Theta of root log n, no algorithm in time n to the power 2 minus q, under SETH',
    },
    sources: [SOURCES.keles2022, SOURCES.almanSong2023],
    figure: 'boundedEntries',
    open: { hash: 'screen=hardness', label: 'Open the hardness lab' },
  },
  {
    id: 'trade-offs',
    short: 'Trade-offs',
    question: 'What do sparse, low-rank and kernel methods give up?',
    sentences: [
      '[[Sparse|sparse]], [[low-rank|lowRank]] and [[kernel|featureMap]] variants buy time linear in $n$ by not computing most of the $n^2$ scores, and pay in fidelity when the input does not suit them.',
      'Here the keys are banded: each token attends to a few neighbours, the structure [[window attention|window]] assumes, and the chart places every variant by time and by [[relative error|relError]] against exact attention.',
      'An approximation that matches the input lands well below dense in time with a small error: that is the trade-off working. The others sit near or above an error of 1, no better than outputting zeros.',
    ],
    formula: {
      tex: '\\text{error} = \\frac{\\lVert \\hat O - O \\rVert_F}{\\lVert O \\rVert_F}',
      alt: 'error equals the Frobenius norm of O hat minus O, over the Frobenius norm of O',
    },
    sources: [SOURCES.tay2020, SOURCES.zaheer2020],
    figure: 'tradeoffWorks',
    open: {
      hash: 'screen=lab&variants=dense,window,linformer,performer,nystrom,linear&n=128,256,512&input=banded',
      label: 'Compare them in the complexity lab',
    },
  },
  {
    id: 'when-they-fail',
    short: 'Failure modes',
    question: 'When do approximations fail?',
    sentences: [
      'The same variants at the same $n$, now on clustered keys: each token attends to the members of its cluster wherever they sit, so a window sees the wrong tokens.',
      'A kernel method estimates every $e^{q^\\top k}$ with $m$ random features; its relative error grows exponentially with the [[logit]] scale, so sharp attention needs exponentially many features.',
      'A [[low-rank|lowRank]] method can only produce rank-$m$ weights, and no rank-$m$ matrix comes closer to the identity than $\\sqrt{n-m}$ in [[Frobenius norm|frobenius]]: attending to exactly one token is out of reach.',
    ],
    formula: {
      tex: '\\begin{gathered} \\frac{\\mathbb{E}\\big[(\\varphi(x)^\\top\\varphi(y) - e^{x^\\top y})^2\\big]}{e^{2x^\\top y}} = \\frac{e^{\\lVert x+y \\rVert^2} - 1}{m} \\\\ \\lVert I - X \\rVert_F \\ge \\sqrt{n-m} \\text{ for } \\operatorname{rank} X \\le m \\end{gathered}',
      alt: 'The relative mean squared error of the random-feature estimate of e to the x transpose y equals e to the norm of x plus y squared, minus 1, over m; and the Frobenius distance from the identity to any matrix of rank at most m is at least the square root of n minus m',
    },
    sources: [SOURCES.choromanski2021, SOURCES.bhojanapalli2020],
    figure: 'tradeoffFails',
    open: { hash: 'screen=hardness', label: 'See both limits in the hardness lab' },
  },
  {
    id: 'mixture-of-depths',
    short: 'Mixture-of-Depths',
    question: 'Does Mixture-of-Depths remove the quadratic bottleneck?',
    sentences: [
      '[[Mixture-of-Depths|MoD]] lets a router send only a share $c$ (the [[capacity]]) of the $n$ tokens through a block; the others skip it along the [[residual stream|residual]].',
      'The routed attention is ordinary attention over $c \\cdot n$ tokens, so its cost falls by $c^2$, a constant factor: the exponent of $n$ stays 2.',
      'The figure, like the paper, writes $S$ for the sequence length $n$ and $C = c \\cdot S$ for the routed tokens.',
    ],
    formula: {
      tex: '\\operatorname{cost}(\\text{routed}) = 4(cn)^2 d = c^2 \\cdot \\operatorname{cost}(\\text{full})',
      alt: 'cost of the routed block equals 4 times c n squared times d, which is c squared times the cost of the full block',
    },
    sources: [SOURCES.raposo2024],
    figure: 'mod',
    open: { hash: 'screen=hardness', label: 'Open the hardness lab' },
  },
  {
    id: 'flash',
    short: 'FlashAttention',
    question: 'What do FlashAttention-style kernels change, and what not?',
    sentences: [
      '[[Tiling|tiling]] streams blocks of keys and values through fast on-chip memory ([[SRAM]]) with an [[online softmax|onlineSoftmax]], so the $n \\times n$ matrix is never stored: memory becomes linear in $n$.',
      'The FLOPs are the same $4n^2d$, so time keeps the exponent 2; what changes is traffic to main memory ([[HBM]]) and the constant.',
      'Tiling composed from library operations is slower here, because every tile is several small dispatches with a round trip through main memory; a [[fused kernel|fused]] runs the whole loop in one dispatch with its tiles in on-chip memory, and is not.',
    ],
    formula: {
      tex: '\\begin{gathered} \\text{HBM accesses: } \\Theta(nd + n^2) \\text{ standard} \\\\ \\Theta\\!\\left(\\frac{n^2 d^2}{M}\\right) \\text{ tiled} \\end{gathered}',
      alt: 'main-memory accesses: Theta of n d plus n squared for standard attention; Theta of n squared d squared over M for tiled attention, M being the on-chip memory size',
    },
    sources: [SOURCES.dao2022],
    figure: 'flashCompare',
    open: {
      hash: 'screen=lab&variants=dense,flash,fused',
      label: 'Measure them in the complexity lab',
    },
  },
  {
    id: 'residuals',
    short: 'Residuals',
    question: 'How do residual connections and PreNorm/PostNorm shape what attention contributes?',
    sentences: [
      'Each block adds its output to a [[residual stream|residual]]; with [[PreNorm]] the stream is never normalised, so it grows and each layer’s relative update shrinks, while [[PostNorm]] renormalises it after every block (with [[LayerNorm]]).',
      '[[Additive shares|share]] split the final stream into the embedding and each block’s contribution (they sum to 1), and [[attention rollout|rollout]] follows how information moves between tokens across layers.',
      'The figure runs the PreNorm and the PostNorm model, trained on the same copy task, in your browser and measures both side by side; the layer explorer adds the rollout.',
    ],
    formula: {
      tex: '\\begin{gathered} \\text{PreNorm: } x_{l+1} = x_l + F(\\operatorname{LN}(x_l)) \\\\ \\text{PostNorm: } x_{l+1} = \\operatorname{LN}(x_l + F(x_l)) \\\\ s_c = \\frac{\\langle \\Delta_c, x_L \\rangle}{\\lVert x_L \\rVert^2} \\end{gathered}',
      alt: 'PreNorm: x sub l plus 1 equals x sub l plus F of LayerNorm of x sub l. PostNorm: x sub l plus 1 equals LayerNorm of x sub l plus F of x sub l. The share of contribution c is the inner product of Delta c with the final stream, over its squared norm',
    },
    sources: [SOURCES.xiong2020, SOURCES.abnar2020],
    figure: 'residualFlow',
    open: { hash: 'screen=layers', label: 'Open the layer explorer' },
  },
  {
    id: 'next',
    short: 'What next',
    question: 'What is promising next?',
    sentences: [
      'Since exact attention cannot be beaten in general, the promising directions spend its quadratic cost only where it matters: adaptive depth routes tokens past blocks, and hybrid sparse routing keeps a few global and random links.',
      'Depth attention lets a head also attend to the same token in earlier layers, and attention residuals replace the fixed residual sum by learned weights over depth (normalised with [[RMSNorm]]).',
      'The figure runs these models on the same task in the worker, with their routing, depth mass and depth weights drawn per layer.',
    ],
    formula: {
      tex: '\\begin{gathered} \\text{MoDA: } [a; b] = \\operatorname{softmax}\\big([\\,q K_{\\text{seq}}^\\top;\\ q K_{\\text{depth}}^\\top\\,]\\big) \\\\ \\text{AttnRes: } h_l = \\sum_{i<l} \\alpha_{i \\to l}\\, v_i \\end{gathered}',
      alt: 'MoDA: the weights a and b come from one softmax over the sequence keys and the depth keys. AttnRes: h sub l is the sum over earlier layers i of alpha from i to l times v sub i',
    },
    sources: [SOURCES.raposo2024, SOURCES.zhu2026, SOURCES.kimi2026, SOURCES.zaheer2020],
    figure: 'depthNext',
    open: {
      hash: 'screen=layers&l.model=moda',
      label: 'Open the layer explorer with depth attention',
    },
  },
  {
    id: 'recap',
    short: 'Recap',
    question: 'What did the figures show?',
    sentences: [
      'Exact attention compares every query with every key, and its measured time grows like $n^2$; under SETH no algorithm avoids that in general.',
      'Approximations are fast and accurate only on inputs whose structure they assume, and fail on others; Mixture-of-Depths and tiling change constants and memory, not the exponent.',
      'Each line below links back to its step and to the screen where you can rerun it.',
    ],
    formula: {
      tex: 'T(n) \\propto n^2 d \\text{ for exact attention, tiled or not}',
      alt: 'time grows in proportion to n squared times d for exact attention, tiled or not',
    },
    sources: [SOURCES.keles2022, SOURCES.dao2022],
    figure: 'recap',
    open: { hash: 'screen=lab', label: 'Open the complexity lab' },
  },
];

/** The step for a link value: an id, or a 1-based number; null when neither. */
export function findStep(raw: string): number | null {
  const byId = STORY_STEPS.findIndex((s) => s.id === raw);
  if (byId >= 0) return byId;
  if (/^\d+$/.test(raw)) {
    const k = Number(raw);
    if (k >= 1 && k <= STORY_STEPS.length) return k - 1;
  }
  return null;
}
