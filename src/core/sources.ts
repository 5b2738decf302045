/**
 * Every paper the app cites, as plain data: the hardness lab, the layer explorer and the guided
 * story name the same entries (authors, year, arXiv id), so a citation is written once.
 */
export interface Source {
  id: SourceId;
  authors: string;
  year: number;
  title: string;
  /** arXiv identifier, e.g. "2302.13214". */
  arxiv: string;
  /** What the app takes from it, in one line. */
  claim: string;
}

export type SourceId =
  | 'keles2022'
  | 'almanSong2023'
  | 'almanSong2024'
  | 'choromanski2021'
  | 'bhojanapalli2020'
  | 'dao2022'
  | 'raposo2024'
  | 'vaswani2017'
  | 'tay2020'
  | 'zaheer2020'
  | 'xiong2020'
  | 'abnar2020'
  | 'zhu2026'
  | 'kimi2026';

export const SOURCES: Readonly<Record<SourceId, Source>> = {
  keles2022: {
    id: 'keles2022',
    authors: 'Keles, Wijewardena, Hegde',
    year: 2022,
    title: 'On the Computational Complexity of Self-Attention',
    arxiv: '2209.04881',
    claim: 'under SETH, self-attention needs time quadratic in n, even approximately',
  },
  almanSong2023: {
    id: 'almanSong2023',
    authors: 'Alman, Song',
    year: 2023,
    title: 'Fast Attention Requires Bounded Entries',
    arxiv: '2302.13214',
    claim:
      'n^{1+o(1)} time for entries B = o(√log n); no truly sub-quadratic time at B = Θ(√log n)',
  },
  almanSong2024: {
    id: 'almanSong2024',
    authors: 'Alman, Song',
    year: 2024,
    title: 'The Fine-Grained Complexity of Gradient Computation for Training Large Language Models',
    arxiv: '2402.04497',
    claim: 'the same threshold holds for the gradient of one attention layer',
  },
  choromanski2021: {
    id: 'choromanski2021',
    authors: 'Choromanski et al.',
    year: 2021,
    title: 'Rethinking Attention with Performers',
    arxiv: '2009.14794',
    claim: 'positive random features estimate exp(xᵀy) with relative MSE (e^{‖x+y‖²} − 1)/m',
  },
  bhojanapalli2020: {
    id: 'bhojanapalli2020',
    authors: 'Bhojanapalli et al.',
    year: 2020,
    title: 'Low-Rank Bottleneck in Multi-head Attention Models',
    arxiv: '2002.07028',
    claim: 'attention weights of rank below n cannot express every pattern',
  },
  dao2022: {
    id: 'dao2022',
    authors: 'Dao, Fu, Ermon, Rudra, Ré',
    year: 2022,
    title: 'FlashAttention: Fast and Memory-Efficient Exact Attention with IO-Awareness',
    arxiv: '2205.14135',
    claim: 'tiling cuts memory traffic from Θ(nd + n²) to Θ(n²d²/M); the FLOPs stay n²',
  },
  raposo2024: {
    id: 'raposo2024',
    authors: 'Raposo et al.',
    year: 2024,
    title: 'Mixture-of-Depths: Dynamically allocating compute in transformer-based language models',
    arxiv: '2404.02258',
    claim: 'route only the top C of S tokens through a block: its attention costs (C/S)² of full',
  },
  vaswani2017: {
    id: 'vaswani2017',
    authors: 'Vaswani et al.',
    year: 2017,
    title: 'Attention Is All You Need',
    arxiv: '1706.03762',
    claim: 'scaled dot-product attention: softmax(QKᵀ/√d)·V, n² scores per head',
  },
  tay2020: {
    id: 'tay2020',
    authors: 'Tay et al.',
    year: 2020,
    title: 'Long Range Arena: A Benchmark for Efficient Transformers',
    arxiv: '2011.04006',
    claim: 'no efficient variant wins every task: each trades fidelity for speed differently',
  },
  zaheer2020: {
    id: 'zaheer2020',
    authors: 'Zaheer et al.',
    year: 2020,
    title: 'Big Bird: Transformers for Longer Sequences',
    arxiv: '2007.14062',
    claim: 'window, global and random keys give linear cost and keep expressiveness',
  },
  xiong2020: {
    id: 'xiong2020',
    authors: 'Xiong et al.',
    year: 2020,
    title: 'On Layer Normalization in the Transformer Architecture',
    arxiv: '2002.04745',
    claim: 'PreNorm keeps gradients well-scaled at initialisation; PostNorm needs warm-up',
  },
  abnar2020: {
    id: 'abnar2020',
    authors: 'Abnar, Zuidema',
    year: 2020,
    title: 'Quantifying Attention Flow in Transformers',
    arxiv: '2005.00928',
    claim: 'attention rollout: multiply (A + I)/2 across layers to trace token mixing',
  },
  zhu2026: {
    id: 'zhu2026',
    authors: 'Zhu et al.',
    year: 2026,
    title: 'Mixture-of-Depths Attention',
    arxiv: '2603.15619',
    claim: 'heads attend over earlier layers’ keys and values as well as the sequence',
  },
  kimi2026: {
    id: 'kimi2026',
    authors: 'Kimi Team',
    year: 2026,
    title: 'Attention Residuals',
    arxiv: '2603.15031',
    claim: 'each layer reads a learned softmax mixture of all earlier outputs instead of their sum',
  },
};

export const arxivUrl = (id: string) => `https://arxiv.org/abs/${id}`;

/** "Alman, Song 2023, arXiv 2302.13214". */
export const citation = (s: Source) => `${s.authors} ${s.year}, arXiv ${s.arxiv}`;
