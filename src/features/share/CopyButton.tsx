import { useState } from 'react';

type Field = HTMLInputElement | HTMLTextAreaElement;

/** Copy a field's text: the clipboard where allowed, else select it for Ctrl+C. */
export function CopyButton({
  field,
  label,
}: {
  field: React.RefObject<Field | null>;
  label: string;
}) {
  const [said, setSaid] = useState('');
  const copy = async () => {
    const el = field.current;
    if (!el) return;
    try {
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(el.value);
      setSaid('Copied.');
    } catch {
      el.focus();
      el.select();
      setSaid('Selected: press Ctrl+C (⌘C) to copy.');
    }
  };
  return (
    <span className="share-row">
      <button type="button" className="button" onClick={copy} aria-label={label}>
        Copy
      </button>
      <span className="muted" role="status">
        {said}
      </span>
    </span>
  );
}
