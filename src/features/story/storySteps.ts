/**
 * The guided story: one step per question of the project's seed text, in its order. Each step
 * is a preset state of the app (`open`: the screen and settings that show it at full size), two
 * to four sentences, the formula, the sources, and the figure drawn beside it. Sentences carry no
 * measured numbers: those come from the figures, computed or measured where the reader can rerun
 * them.
 */

import { SOURCES, type Source } from '../../core/sources';

export type StoryFigureId =
  | 'time'
  | 'boundedEntries'
  | 'frontier'
  | 'performerAndRank'
  | 'mod'
  | 'flopsMemory'
  | 'residualFlow'
  | 'depthNext';

export interface StoryStep {
  /** Stable id used in links: `#screen=story&step=<id>`. */
  id: string;
  /** A few words for the step list. */
  short: string;
  question: string;
  sentences: string[];
  formula: string;
  sources: Source[];
  figure: StoryFigureId;
  /** The app state that shows this at full size (a hash without `#`) and the link's text. */
  open: { hash: string; label: string };
}

export const STORY_STEPS: readonly StoryStep[] = [
  {
    id: 'quadratic',
    short: 'The cost',
    question: 'What does exact attention cost?',
    sentences: [
      'Every query is compared with every key, so one head computes an n × n score matrix: doubling the sequence length quadruples the work.',
      'The chart is a measured run, not a formula: its legend fits the exponent of n to the timings, and the dashed curves are the variants’ analytic FLOPs through each one’s largest point.',
      'At small n a fixed cost per call (dispatch, read-back) flattens the curves and the fitted exponents; the slope over the last step of n, under the chart, is the one to hold against the theory.',
      'Open it in the complexity lab to measure the same sweep on your own device.',
    ],
    formula: 'O = softmax(QKᵀ/√d)·V,  4n²d FLOPs per head',
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
      'Under the Strong Exponential Time Hypothesis, computing self-attention even approximately needs time quadratic in n.',
      'Alman and Song locate the boundary: with entries bounded by B and d of order log n, a near-linear algorithm exists when B is below √log n, and none runs in truly sub-quadratic time once B reaches it.',
      'The figure runs fixed-budget approximations on inputs uniform in [−B, B]: their error turns from small to large as B²/log n crosses 1.',
    ],
    formula: 'B = o(√log n) ⇒ n^{1+o(1)} time;  B = Θ(√log n) ⇒ no O(n^{2−q}) under SETH',
    sources: [SOURCES.keles2022, SOURCES.almanSong2023],
    figure: 'boundedEntries',
    open: { hash: 'screen=hardness', label: 'Open the hardness lab' },
  },
  {
    id: 'trade-offs',
    short: 'Trade-offs',
    question: 'What do sparse, low-rank and kernel methods give up?',
    sentences: [
      'Sparse, low-rank and kernel variants buy time linear in n by not computing most of the n² scores, and pay in fidelity.',
      'At one sequence length the chart places every variant by time and by error against exact attention: the dashed frontier joins those no other variant beats on both.',
      'Exact tiled variants sit at rounding error; the others trade along the frontier, and how much they lose depends on the input.',
    ],
    formula: 'error = ‖Ô − O‖_F / ‖O‖_F  against dense attention',
    sources: [SOURCES.tay2020, SOURCES.zaheer2020],
    figure: 'frontier',
    open: {
      hash: 'screen=lab&variants=dense,window,bigbird,performer,nystrom,linear',
      label: 'Compare them in the complexity lab',
    },
  },
  {
    id: 'when-they-fail',
    short: 'Failure modes',
    question: 'When do approximations fail?',
    sentences: [
      'A kernel method estimates every exp(qᵀk) with m random features; its relative error grows exponentially with the logit scale, so sharp attention needs exponentially many features.',
      'A low-rank method can only produce rank-m weights, and no rank-m matrix comes closer to the identity than √(n − m) in Frobenius norm: attending to exactly one token is out of reach.',
      'Softmax reaches such patterns as its temperature falls, which is what the approximations cannot follow.',
    ],
    formula:
      'E[(φ(x)ᵀφ(y) − e^{xᵀy})²]/e^{2xᵀy} = (e^{‖x+y‖²} − 1)/m;  ‖I − X‖_F ≥ √(n − m) for rank X ≤ m',
    sources: [SOURCES.choromanski2021, SOURCES.bhojanapalli2020],
    figure: 'performerAndRank',
    open: { hash: 'screen=hardness', label: 'Open the hardness lab' },
  },
  {
    id: 'mixture-of-depths',
    short: 'Mixture-of-Depths',
    question: 'Does Mixture-of-Depths remove the quadratic bottleneck?',
    sentences: [
      'Mixture-of-Depths lets a router send only the top C of S tokens through a block; the others skip it along the residual stream.',
      'The routed attention is ordinary attention over C tokens, so its cost falls by (C/S)², a constant factor: the exponent of n stays 2.',
    ],
    formula: 'cost(routed) = (C/S)² · cost(full),  time ∝ (C/S · n)²',
    sources: [SOURCES.raposo2024],
    figure: 'mod',
    open: { hash: 'screen=hardness', label: 'Open the hardness lab' },
  },
  {
    id: 'flash',
    short: 'FlashAttention',
    question: 'What do FlashAttention-style kernels change, and what not?',
    sentences: [
      'Tiling streams blocks of keys and values through fast memory with an online softmax, so the n × n matrix is never stored: memory becomes linear in n.',
      'The FLOPs are the same 4n²d, so time keeps the exponent 2; what changes is memory traffic and the constant.',
      'The figure shows dense against tiled attention measured side by side: equal FLOPs, different memory, the same slope.',
    ],
    formula: 'HBM accesses: Θ(nd + n²) standard,  Θ(n²d²/M) tiled (M: on-chip memory)',
    sources: [SOURCES.dao2022],
    figure: 'flopsMemory',
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
      'Each block adds its output to a residual stream; with PreNorm the stream is never normalised, so it grows and each layer’s relative update shrinks, while PostNorm renormalises it after every block.',
      'Additive shares split the final stream into the embedding and each block’s contribution (they sum to 1), and attention rollout follows how information moves between tokens across layers.',
      'The figure runs the PreNorm and the PostNorm model, trained on the same copy task, in your browser and measures both side by side; the layer explorer adds the rollout.',
    ],
    formula:
      'PreNorm x_{l+1} = x_l + F(LN(x_l));  PostNorm x_{l+1} = LN(x_l + F(x_l));  s_c = ⟨Δ_c, x_L⟩/‖x_L‖²',
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
      'Depth attention lets a head also attend to the same token in earlier layers, and attention residuals replace the fixed residual sum by learned weights over depth.',
      'The layer explorer runs these variants on the same task, with their routing, depth mass and depth weights drawn per layer.',
    ],
    formula: 'MoDA: [a; b] = softmax([q·K_seq; q·K_depth]);  AttnRes: h_l = Σ_{i<l} α_{i→l} v_i',
    sources: [SOURCES.raposo2024, SOURCES.zhu2026, SOURCES.kimi2026, SOURCES.zaheer2020],
    figure: 'depthNext',
    open: {
      hash: 'screen=layers&l.model=moda',
      label: 'Open the layer explorer with depth attention',
    },
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
