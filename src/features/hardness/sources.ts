/**
 * The papers the hardness lab demonstrates, as plain data: the lab's panels and the guided
 * story cite the same entries.
 */
export interface Source {
  id: SourceId;
  authors: string;
  year: number;
  title: string;
  /** arXiv identifier, e.g. "2302.13214". */
  arxiv: string;
  /** What the lab takes from it, in one line. */
  claim: string;
}

export type SourceId =
  | 'keles2022'
  | 'almanSong2023'
  | 'almanSong2024'
  | 'choromanski2021'
  | 'bhojanapalli2020'
  | 'dao2022'
  | 'raposo2024';

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
};

export const arxivUrl = (id: string) => `https://arxiv.org/abs/${id}`;

/** "Alman, Song 2023, arXiv 2302.13214". */
export const citation = (s: Source) => `${s.authors} ${s.year}, arXiv ${s.arxiv}`;
