import { Fragment } from 'react';
import { Formula } from './Formula';
import { isTermId } from './glossary';
import { parseRich } from './richText';
import { Term } from './Term';

/** Text in the app's small markup (richText.ts): plain text, `$…$` maths and `[[…]]` terms. */
export function RichText({ source }: { source: string }) {
  return (
    <>
      {parseRich(source).map((p, i) => {
        const key = `${i}-${p.kind}`;
        if (p.kind === 'math') return <Formula key={key} tex={p.tex} />;
        if (p.kind === 'term' && isTermId(p.id))
          return (
            <Term key={key} id={p.id}>
              {p.text ?? undefined}
            </Term>
          );
        // An unknown term id shows its words (a unit test keeps every id known).
        return <Fragment key={key}>{p.kind === 'term' ? (p.text ?? p.id) : p.text}</Fragment>;
      })}
    </>
  );
}
