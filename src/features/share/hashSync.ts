import { hashParts } from '../../shared/hashParts';
// The lab's index also registers the `r=` part (results carried in a link) before the first
// hash is applied.
import { useLabStore, useViewStore } from '../complexity';
import { hashParams, parseLabHash } from '../complexity/model/labHash';
import { defaultSelection } from '../complexity/model/paramSweep';
import { encodeLabHash, type ShareView } from './shareHash';

/**
 * Keeps the URL hash and the lab in step: every change of a control writes the hash back
 * (debounced, history.replaceState, so Back is not flooded); a hash changed from outside (a
 * link pasted into the same tab, a nav link) is read, validated and applied, notices included.
 */

export const WRITE_DELAY_MS = 150;

/** The view as the stores hold it now. */
export function currentView(): ShareView {
  const lab = useLabStore.getState();
  const share = useViewStore.getState();
  return {
    screen: lab.screen,
    config: lab.config,
    frontierN: lab.ui.frontierN,
    param: lab.ui.param,
    hide: share.hide,
    embed: share.embed,
  };
}

/** `backend=` from the address, carried into written hashes and links. */
export const currentBackend = () => hashParams(location.hash).get('backend');

/** Apply a hash to the stores (validated by parseLabHash; invalid values keep defaults). */
export function applyHash(hash: string) {
  const h = parseLabHash(hash);
  useLabStore.setState((s) => ({
    screen: h.screen,
    config: h.config,
    notices: h.notices,
    ui: { ...s.ui, frontierN: h.frontierN, param: h.param ?? defaultSelection(h.config) },
  }));
  useViewStore.setState({ hide: h.hide, embed: h.embed, hash });
  applyParts(hash, h.notices);
}

/** Apply the other screens' hash parts; the notices shown are the lab's plus theirs. */
function applyParts(hash: string, labNotices: string[]) {
  const params = hashParams(hash);
  const partNotices = hashParts().flatMap((part) => part.apply(params));
  useLabStore.setState({ notices: [...labNotices, ...partNotices] });
}

/** Start syncing; returns the function that stops it. */
export function startHashSync(): () => void {
  // The stores read the hash when first imported, maybe before every part had registered.
  applyParts(location.hash, parseLabHash(location.hash).notices);
  let timer: ReturnType<typeof setTimeout> | null = null;
  // The hash as this sync last read or wrote it. A navigation changes location.hash at once but
  // queues its hashchange event; a write due in between must not put the old view back.
  let known = location.hash;
  const write = () => {
    timer = null;
    if (location.hash !== known) {
      onHash();
      return;
    }
    const hash = encodeLabHash(currentView(), currentBackend());
    useViewStore.setState({ hash });
    if (hash === location.hash) return;
    history.replaceState(history.state, '', `${location.pathname}${location.search}${hash}`);
    known = location.hash;
  };
  const schedule = () => {
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(write, WRITE_DELAY_MS);
  };
  const offLab = useLabStore.subscribe((s, prev) => {
    if (
      s.config !== prev.config ||
      s.screen !== prev.screen ||
      s.ui.frontierN !== prev.ui.frontierN ||
      s.ui.param !== prev.ui.param
    ) {
      schedule();
    }
  });
  const offShare = useViewStore.subscribe((s, prev) => {
    if (s.hide !== prev.hide || s.embed !== prev.embed) schedule();
  });
  const offParts = hashParts().map((part) => part.subscribe(schedule));
  function onHash() {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    known = location.hash;
    applyHash(location.hash);
  }
  window.addEventListener('hashchange', onHash);
  return () => {
    if (timer !== null) clearTimeout(timer);
    offLab();
    offShare();
    for (const off of offParts) off();
    window.removeEventListener('hashchange', onHash);
  };
}
