import type { ReactNode } from 'react';
import { arxivUrl, type Source } from '../../core/sources';
import { Formula } from '../../shared/Formula';

/**
 * The formula a chart shows (TeX, rendered as MathML like every formula in the app), the words
 * around it, and its sources (plain links, never fetched).
 */
export function FormulaNote({
  tex,
  alt,
  children,
  sources = [],
}: {
  tex?: string;
  alt?: string;
  children?: ReactNode;
  sources?: Source[];
}) {
  return (
    <p className="formula-note">
      {tex ? <Formula tex={tex} alt={alt} /> : null}
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
