import { useEffect, useId, useRef, useState } from 'react';
import { useLabStore } from '../../app/labStore';
import { currentBackend, currentView } from './hashSync';
import { encodeLabHash, iframeSnippet, pageBase } from './shareHash';
import { EMBED_PANELS, EMBED_TITLES, type EmbedPanel, isEmbedPanel, isLabPanel } from './viewFlags';
import './share.css';

type Field = HTMLInputElement | HTMLTextAreaElement;

/** Copy a field's text: the clipboard where allowed, else select it for Ctrl+C. */
function CopyButton({ field, label }: { field: React.RefObject<Field | null>; label: string }) {
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

/** The header's Share button and its modal dialog: the link to this view and an iframe snippet. */
export function ShareButton() {
  const dialog = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const link = useRef<HTMLInputElement>(null);
  const snippet = useRef<HTMLTextAreaElement>(null);
  const [panel, setPanel] = useState<EmbedPanel>('time');
  const [open, setOpen] = useState(false);
  const id = useId();
  // Read at each render; opening re-renders, and the page behind a modal cannot change.
  const base = pageBase(location);
  const view = currentView();
  const backend = currentBackend();
  const url = `${base}${encodeLabHash({ ...view, embed: null }, backend)}`;
  const embedUrl = `${base}${encodeLabHash({ ...view, embed: panel, hide: [] }, backend)}`;
  const screen = useLabStore((s) => s.screen);
  // The story's figure is offered on the story screen, and chosen there by default.
  const panels = EMBED_PANELS.filter((p) => isLabPanel(p) || screen === 'story');
  const show = () => {
    setPanel(screen === 'story' ? 'story' : 'time');
    setOpen(true);
    dialog.current?.showModal();
  };
  const close = () => dialog.current?.close();
  useEffect(() => {
    if (open) link.current?.focus();
  }, [open]);
  return (
    <>
      <button type="button" className="button header-share" ref={opener} onClick={show}>
        Share
      </button>
      <dialog
        ref={dialog}
        className="share-dialog"
        aria-labelledby={`${id}-title`}
        onClose={() => {
          setOpen(false);
          opener.current?.focus();
        }}
      >
        {open ? (
          <div>
            <h2 id={`${id}-title`}>Share this view</h2>
            <p className="muted">
              The link holds every control; whoever opens it sees the same settings.
            </p>
            <label className="share-field">
              <span>Link to this view</span>
              <input ref={link} readOnly value={url} data-testid="share-link" />
            </label>
            <CopyButton field={link} label="Copy link" />
            <label className="share-field">
              <span>Embed one panel</span>
              <select
                value={panel}
                onChange={(e) => isEmbedPanel(e.target.value) && setPanel(e.target.value)}
              >
                {panels.map((p) => (
                  <option key={p} value={p}>
                    {EMBED_TITLES[p]}
                  </option>
                ))}
              </select>
            </label>
            <div className="share-field">
              <label htmlFor={`${id}-snippet`}>iframe snippet</label>
              <textarea
                id={`${id}-snippet`}
                ref={snippet}
                readOnly
                rows={4}
                value={iframeSnippet(embedUrl, panel, isLabPanel(panel) ? 600 : 800)}
                data-testid="share-snippet"
              />
            </div>
            <CopyButton field={snippet} label="Copy iframe snippet" />
            <div className="actions">
              <button type="button" className="button primary" onClick={close}>
                Close
              </button>
            </div>
          </div>
        ) : null}
      </dialog>
    </>
  );
}
