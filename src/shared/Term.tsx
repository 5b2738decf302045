import { useEffect, useId, useRef, useState } from 'react';
import { Formula } from './Formula';
import { GLOSSARY, type TermId } from './glossary';
import { parseRich } from './richText';
import './shared.css';

/**
 * A term of art with its explanation from the glossary: shown while the pointer is over it, while
 * it has keyboard focus, and after a tap (tap again, Escape or a tap elsewhere hides it). The
 * explanation is the button's description (aria-describedby), so a screen reader reads it too.
 */
export function Term({ id, children }: { id: TermId; children?: string }) {
  const entry = GLOSSARY[id];
  const tipId = useId();
  const [open, setOpen] = useState(false);
  const wrap = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    if (!open) return;
    const away = (e: PointerEvent) => {
      if (!wrap.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', away);
    return () => document.removeEventListener('pointerdown', away);
  }, [open]);
  return (
    <span className="term-wrap" ref={wrap} data-open={open ? 'true' : undefined}>
      <button
        type="button"
        className="term"
        aria-describedby={tipId}
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') setOpen(false);
        }}
        data-term={id}
      >
        {children ?? entry.name}
      </button>
      <span role="tooltip" id={tipId} className="term-tip">
        <strong>{entry.name}</strong>: <Explanation source={entry.explain} />
      </span>
    </span>
  );
}

/**
 * A glossary explanation: its maths rendered, its `[[terms]]` as plain words. Not RichText: a
 * term inside a term's pop-up would nest pop-ups (and make RichText and Term import each other).
 */
function Explanation({ source }: { source: string }) {
  return (
    <>
      {parseRich(source).map((p, i) => {
        const key = `${i}-${p.kind}`;
        if (p.kind === 'math') return <Formula key={key} tex={p.tex} />;
        return <span key={key}>{p.kind === 'term' ? (p.text ?? p.id) : p.text}</span>;
      })}
    </>
  );
}
