import type { ComponentType } from 'react';
import type { SourceId } from '../../core/sources';
import {
  BoundedEntriesFigure,
  FlopsMemoryFigure,
  ModFigure,
  PerformerFigure,
  RankLimitFigure,
} from './figures';
import type { ConfigKey, HardnessConfig } from './model/config';

/** The five experiments of the hardness lab: what each shows, its formula, controls and figure. */
export interface PanelSpec {
  id: string;
  title: string;
  text: string[];
  formula: string;
  sources: SourceId[];
  fields: ConfigKey[];
  Figure: ComponentType<{ config?: HardnessConfig }>;
}

export const PANELS: readonly PanelSpec[] = [
  {
    id: 'bounded',
    title: '1. Bounded entries: where fast attention stops being possible',
    text: [
      'Entries of [[Q]], [[K]] and [[V]] are drawn uniform in $[-B, B]$, with $d = \\lceil c \\log_2 n \\rceil$. Alman and Song prove that attention can be approximated to $1/\\operatorname{poly}(n)$ in $n^{1+o(1)}$ time when $B = o(\\sqrt{\\log n})$, and that no algorithm runs in $O(n^{2-q})$ time once $B = \\Theta(\\sqrt{\\log n})$, under [[SETH]]; the same threshold holds for the gradient.',
      'Fixed-budget approximations show the same turn: small error left of the line $B^2/\\ln n = 1$, large error right of it, at every $n$. (The engine scales [[logits|logit]] by $1/\\sqrt{d}$.)',
    ],
    formula:
      'B = o(\\sqrt{\\log n}) \\Rightarrow n^{1+o(1)} \\text{ time}, \\ \\lVert T - D^{-1}AV \\rVert_\\infty \\le 1/\\operatorname{poly}(n); \\quad B = \\Theta(\\sqrt{\\log n}) \\Rightarrow \\text{no } O(n^{2-q}) \\text{ time (SETH)}',
    sources: ['almanSong2023', 'almanSong2024'],
    fields: ['boundedC', 'boundedN', 'boundedPerformerM', 'boundedTaylorP', 'boundedNystromM'],
    Figure: BoundedEntriesFigure,
  },
  {
    id: 'performer',
    title: '2. The Performer estimator: error exponential in the logit scale',
    text: [
      'Performer replaces $\\exp(x^\\top y)$ by $\\varphi(x)^\\top \\varphi(y)$ with $m$ positive random features (a [[kernel feature map|featureMap]]). The estimate is unbiased, but its relative mean-squared error is $(e^{\\lVert x+y \\rVert^2} - 1)/m$: every unit added to $\\lVert x+y \\rVert^2$ multiplies the features needed for the same accuracy by $e$. Sharp attention, with large [[logits|logit]], needs exponentially many features.',
    ],
    formula:
      '\\varphi(x) = \\frac{e^{-\\lVert x \\rVert^2/2}}{\\sqrt{m}} \\big[e^{\\omega_i^\\top x}\\big]_i, \\ \\omega_i \\sim N(0, I); \\quad \\frac{\\mathbb{E}\\big[(\\varphi(x)^\\top \\varphi(y) - e^{x^\\top y})^2\\big]}{e^{2x^\\top y}} = \\frac{e^{\\lVert x+y \\rVert^2} - 1}{m}',
    sources: ['choromanski2021'],
    fields: ['performerD', 'performerSamples', 'performerMaxNorm', 'performerOrthogonal'],
    Figure: PerformerFigure,
  },
  {
    id: 'rank',
    title: '3. The rank limit: patterns no kernel method can reach',
    text: [
      'A kernel or [[low-rank|lowRank]] method produces weights $\\varphi(Q)\\varphi(K)^\\top$ of rank at most $m$. By Eckart–Young no rank-$m$ matrix comes closer to the identity, or to a shift, than $\\sqrt{n-m}$ in [[Frobenius norm|frobenius]]: attending to exactly one token is out of reach for every $m < n$. [[Softmax|softmax]] has no such limit: as its temperature falls it converges to the pattern.',
    ],
    formula:
      '\\operatorname{rank} \\varphi(Q)\\varphi(K)^\\top \\le m \\Rightarrow \\lVert I - X \\rVert_F \\ge \\sqrt{n-m}; \\quad \\operatorname{softmax}(S/\\tau) \\to T \\text{ as } \\tau \\to 0',
    sources: ['bhojanapalli2020'],
    fields: ['rankPattern', 'rankN', 'rankM'],
    Figure: RankLimitFigure,
  },
  {
    id: 'flops',
    title: '4. FLOPs against memory traffic: what tiling changes',
    text: [
      'FlashAttention streams blocks of keys and values through fast on-chip memory ([[SRAM]]) with an [[online softmax|onlineSoftmax]], so the $n \\times n$ matrix is never stored. Dao et al. count memory accesses ([[HBM]]): $\\Theta(nd + n^2)$ for standard attention against $\\Theta(n^2d^2/M)$ tiled ($M$: on-chip memory), and prove that no exact algorithm does asymptotically better for every $M$. The [[FLOPs]] stay $4n^2d$, so time keeps the exponent 2.',
      'Here flash is tiled with tensors (it saves memory, not traffic); the [[fused WGSL kernel|fused]], run where the backend is webgpu, keeps its tiles in workgroup memory.',
    ],
    formula:
      '\\text{FLOPs } 4n^2d \\text{ for both}; \\quad \\text{memory accesses } \\Theta(nd + n^2) \\text{ standard}, \\ \\Theta(n^2d^2/M) \\text{ tiled}',
    sources: ['dao2022'],
    fields: ['flopsN', 'flopsD'],
    Figure: FlopsMemoryFigure,
  },
  {
    id: 'mod',
    title: '5. Mixture-of-Depths: a constant factor, not a new exponent',
    text: [
      'A router scores every token and only the top $C$ of $S$ go through the block (the [[capacity]] is $C/S$); the others skip it along the [[residual stream|residual]]. The routed tokens attend to each other as usual, so the block’s attention costs $(C/S)^2$ of full attention: cheaper by a constant, still quadratic in the sequence length $S$.',
    ],
    formula:
      "x'_i = x_i + r_i f(\\tilde x)_i \\text{ for the top } C \\text{ by } r_i = w^\\top x_i, \\ x'_i = x_i \\text{ otherwise}; \\quad \\operatorname{cost}(\\text{routed}) = (C/S)^2 \\cdot \\operatorname{cost}(\\text{full})",
    sources: ['raposo2024'],
    fields: ['modCapacity', 'modN'],
    Figure: ModFigure,
  },
];
