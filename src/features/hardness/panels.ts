import type { ComponentType } from 'react';
import type { SourceId } from '../../core/sources';
import type { ConfigKey, HardnessConfig } from './config';
import {
  BoundedEntriesFigure,
  FlopsMemoryFigure,
  ModFigure,
  PerformerFigure,
  RankLimitFigure,
} from './figures';

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
      'Entries of Q, K and V are drawn uniform in [−B, B], with d = ⌈c·log₂ n⌉. Alman and Song prove that attention can be approximated to 1/poly(n) in n^{1+o(1)} time when B = o(√log n), and that no algorithm runs in O(n^{2−q}) time once B = Θ(√log n), under SETH; the same threshold holds for the gradient.',
      'Fixed-budget approximations show the same turn: small error left of the line B²/ln n = 1, large error right of it, at every n. (The engine scales logits by 1/√d.)',
    ],
    formula:
      'B = o(√log n) ⇒ n^{1+o(1)} time, ‖T − D⁻¹AV‖∞ ≤ 1/poly(n);   B = Θ(√log n) ⇒ no O(n^{2−q}) time (SETH)',
    sources: ['almanSong2023', 'almanSong2024'],
    fields: ['beC', 'beN', 'bePerformerM', 'beTaylorP', 'beNystromM'],
    Figure: BoundedEntriesFigure,
  },
  {
    id: 'performer',
    title: '2. The Performer estimator: error exponential in the logit scale',
    text: [
      'Performer replaces exp(xᵀy) by φ(x)ᵀφ(y) with m positive random features. The estimate is unbiased, but its relative mean-squared error is (e^{‖x+y‖²} − 1)/m: every unit added to ‖x+y‖² multiplies the features needed for the same accuracy by e. Sharp attention, with large logits, needs exponentially many features.',
    ],
    formula:
      'φ(x) = e^{−‖x‖²/2}/√m · [e^{ωᵢᵀx}]ᵢ, ωᵢ ~ N(0, I);   E[(φ(x)ᵀφ(y) − e^{xᵀy})²] / e^{2xᵀy} = (e^{‖x+y‖²} − 1)/m',
    sources: ['choromanski2021'],
    fields: ['pfD', 'pfSamples', 'pfMax', 'pfOrthogonal'],
    Figure: PerformerFigure,
  },
  {
    id: 'rank',
    title: '3. The rank limit: patterns no kernel method can reach',
    text: [
      'A kernel or low-rank method produces weights φ(Q)φ(K)ᵀ of rank at most m. By Eckart–Young no rank-m matrix comes closer to the identity, or to a shift, than √(n − m) in Frobenius norm: attending to exactly one token is out of reach for every m < n. Softmax has no such limit: as its temperature falls it converges to the pattern.',
    ],
    formula: 'rank φ(Q)φ(K)ᵀ ≤ m ⇒ ‖I − X‖_{F} ≥ √(n − m);   softmax(S/τ) → T as τ → 0',
    sources: ['bhojanapalli2020'],
    fields: ['rlPattern', 'rlN', 'rlM'],
    Figure: RankLimitFigure,
  },
  {
    id: 'flops',
    title: '4. FLOPs against memory traffic: what tiling changes',
    text: [
      'FlashAttention streams blocks of keys and values through fast on-chip memory with an online softmax, so the n × n matrix is never stored. Dao et al. count memory accesses: Θ(nd + n²) for standard attention against Θ(n²d²/M) tiled (M: on-chip memory), and prove that no exact algorithm does asymptotically better for every M. The FLOPs stay 4n²d, so time keeps the exponent 2.',
      'Here flash is tiled with tensors (it saves memory, not traffic); the fused WGSL kernel, run where the backend is webgpu, keeps its tiles in workgroup memory.',
    ],
    formula: 'FLOPs 4n²d for both;   memory accesses Θ(nd + n²) standard, Θ(n²d²/M) tiled',
    sources: ['dao2022'],
    fields: ['fmN', 'fmD'],
    Figure: FlopsMemoryFigure,
  },
  {
    id: 'mod',
    title: '5. Mixture-of-Depths: a constant factor, not a new exponent',
    text: [
      'A router scores every token and only the top C of S go through the block; the others skip it along the residual stream. The routed tokens attend to each other as usual, so the block’s attention costs (C/S)² of full attention: cheaper by a constant, still quadratic in S.',
    ],
    formula:
      'x′ᵢ = xᵢ + rᵢ·f(x̃)ᵢ for the top C by rᵢ = wᵀxᵢ, x′ᵢ = xᵢ otherwise;   cost(routed) = (C/S)² · cost(full)',
    sources: ['raposo2024'],
    fields: ['modCapacity', 'modN'],
    Figure: ModFigure,
  },
];
