import { useMemo } from 'react';
import { texToMathML, texToSpeech } from './mathml';
import './shared.css';

/**
 * A formula rendered as MathML, the one way every screen shows maths. The markup comes from temml
 * applied to TeX written in this repository (never to text from a link, a file or the reader), so
 * dangerouslySetInnerHTML carries nothing foreign; it is used instead of building the nodes in an
 * effect so the formula is there on the first paint, with no flash of TeX. `alt` (default: the
 * TeX read aloud) is the text alternative for screen readers.
 */
export function Formula({
  tex,
  display = false,
  alt,
}: {
  tex: string;
  display?: boolean;
  alt?: string;
}) {
  const html = useMemo(
    () => ({ __html: texToMathML(tex, { display, alt: alt ?? texToSpeech(tex) }) }),
    [tex, display, alt],
  );
  const className = display ? 'math math-display' : 'math';
  return display ? (
    // biome-ignore lint/security/noDangerouslySetInnerHtml: temml's MathML of our own constant TeX (see above).
    <div className={className} dangerouslySetInnerHTML={html} />
  ) : (
    // biome-ignore lint/security/noDangerouslySetInnerHtml: as above.
    <span className={className} dangerouslySetInnerHTML={html} />
  );
}
