import { useEffect, useId, useRef, useState } from 'react';
import { isPow2 } from '../../core/pow2';
import { frontierForLink, useLabStore } from '../complexity';
import {
  EMBED_HEIGHTS,
  EMBED_PANELS,
  EMBED_TITLES,
  type EmbedPanel,
  isEmbedPanel,
  isLabPanel,
} from '../complexity/model/viewFlags';
import { CopyButton } from './CopyButton';
import { currentBackend, currentView } from './hashSync';
import { ResultsLinkField } from './ResultsLinkField';
import { readerPlan, readerPlanText } from './readerSweep';
import { encodeLabHash, iframeSnippet, pageBase } from './shareHash';
import './share.css';

/**
 * The header's Share button and its modal dialog: the link to this view (every control), the
 * link with the measured results in it, and an iframe snippet with what a reader's Run live does.
 */
export function ShareButton() {
  const dialog = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const link = useRef<HTMLInputElement>(null);
  const snippet = useRef<HTMLTextAreaElement>(null);
  const [panel, setPanel] = useState<EmbedPanel>('time');
  const [open, setOpen] = useState(false);
  const id = useId();
  const rows = useLabStore((s) => s.run.rows);
  const screen = useLabStore((s) => s.screen);
  const kernel = useLabStore((s) => s.kernel?.kernel ?? null);
  const ownFile = useLabStore((s) => s.own.input?.info.name ?? null);
  // Read at each render; opening re-renders, and the page behind a modal cannot change.
  const base = pageBase(location);
  const view = currentView();
  // The frontier n the sender sees, even when it is the default (the largest measured n).
  const frontier = frontierForLink(rows, view.frontierN);
  const frontierN =
    frontier !== null && isPow2(frontier) && frontier >= 16 && frontier <= 16384 ? frontier : null;
  const shared = { ...view, frontierN };
  const backend = currentBackend();
  const url = `${base}${encodeLabHash({ ...shared, embed: null }, backend)}`;
  const embedUrl = `${base}${encodeLabHash({ ...shared, embed: panel, hide: [] }, backend)}`;
  // The story's figure is offered on the story screen, and chosen there by default.
  const panels = EMBED_PANELS.filter((p) => isLabPanel(p) || screen === 'story');
  const plan = isLabPanel(panel) ? readerPlan(view.config, kernel) : null;
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
            {ownFile !== null ? (
              <p className="notice warn" data-testid="share-own-file">
                Your file {ownFile} stays on this page: the link opens on generated inputs of the
                same sizes. A link with these results names the file and its SHA-256.
              </p>
            ) : null}
            <label className="share-field">
              <span>Link to this view</span>
              <input ref={link} readOnly value={url} data-testid="share-link" />
            </label>
            <CopyButton field={link} label="Copy link" />
            {screen === 'lab' ? <ResultsLinkField settingsUrl={url} /> : null}
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
                value={iframeSnippet(embedUrl, panel, EMBED_HEIGHTS[panel])}
                data-testid="share-snippet"
              />
            </div>
            <CopyButton field={snippet} label="Copy iframe snippet" />
            {plan ? (
              <p className="share-size muted" data-testid="share-reader-plan">
                The embed shows the pre-computed run for these variants. A reader’s{' '}
                <strong>Run live</strong>: {readerPlanText(plan, view.config)}
              </p>
            ) : null}
            <p className="share-size muted">
              The embed posts its height to the page around it as{' '}
              <code>{'{ attentionExplorerHeight: <number> }'}</code>, so a host page that listens
              can size the iframe exactly.
            </p>
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
