import type { ReactNode } from 'react';
import { arxivUrl, type Source } from '../../core/sources';

/** The formula a chart shows, in words and symbols, with its sources (plain links, never fetched). */
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
        <span key={s.id} className="formula-source">
          {' '}
          {s.authors} {s.year},{' '}
          <a href={arxivUrl(s.arxiv)} rel="noreferrer" target="_blank">
            arXiv {s.arxiv}
          </a>
          .
        </span>
      ))}
    </p>
  );
}
