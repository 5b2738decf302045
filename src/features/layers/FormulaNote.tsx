import type { ReactNode } from 'react';

/** A source of a formula or method: authors, year and the arXiv id (a plain link, never fetched). */
export interface Source {
  cite: string;
  arxiv: string;
}

/** The formula a chart shows, in words and symbols, with its source. */
export function FormulaNote({
  children,
  sources = [],
}: {
  children: ReactNode;
  sources?: Source[];
}) {
  return (
    <p className="formula-note">
      {children}
      {sources.map((s) => (
        <span key={s.arxiv} className="formula-source">
          {' '}
          {s.cite},{' '}
          <a href={`https://arxiv.org/abs/${s.arxiv}`} rel="noreferrer" target="_blank">
            arXiv {s.arxiv}
          </a>
          .
        </span>
      ))}
    </p>
  );
}

export const SOURCES = {
  rollout: { cite: 'Abnar & Zuidema 2020', arxiv: '2005.00928' },
  mod: { cite: 'Raposo et al. 2024', arxiv: '2404.02258' },
  moda: { cite: 'Zhu et al. 2026 (MoDA)', arxiv: '2603.15619' },
  attnres: { cite: 'Kimi team 2026 (Attention Residuals)', arxiv: '2603.15031' },
} satisfies Record<string, Source>;
