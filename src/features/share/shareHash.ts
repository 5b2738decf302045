import { VARIANT_SPECS } from '../../core/variantSpecs';
import { hashParts } from '../../shared/hashParts';
import { type LabConfig, orderedVariants } from '../complexity/model/labConfig';
import type { Screen } from '../complexity/model/labHash';
import { defaultSelection, type ParamSelection } from '../complexity/model/paramSweep';
import {
  EMBED_TITLES,
  type EmbedPanel,
  HIDE_GROUPS,
  type HideGroup,
  isLabPanel,
} from '../complexity/model/viewFlags';

/** Everything a link reproduces: the screen, every control, and the view flags. */
export interface ShareView {
  screen: Screen;
  config: LabConfig;
  frontierN: number | null;
  param: ParamSelection;
  hide: readonly HideGroup[];
  embed: EmbedPanel | null;
}

/** A value as the hash holds it: percent-encoded, commas kept readable. */
const enc = (v: string | number) => encodeURIComponent(String(v)).replace(/%2C/gi, ',');

const sameSelection = (a: ParamSelection, b: ParamSelection) =>
  a.variant === b.variant && a.param === b.param && a.n === b.n;

/**
 * The hash (with `#`) that parseLabHash reads back to the same view. Core controls are always
 * written; parameters only where they differ from the defaults; `backend` is carried when given.
 */
export function encodeLabHash(v: ShareView, backend: string | null = null): string {
  const c = v.config;
  const pairs: [string, string | number][] = [];
  // Other screens' state (layer explorer, hardness lab, story step), and the backend.
  const parts = hashParts().flatMap((part) => part.encode());
  const last = backend ? [['backend', backend] as const] : [];
  // A story figure needs the story's state (its step), none of the lab's.
  if (v.embed && !isLabPanel(v.embed)) return hashOf([['embed', v.embed], ...parts, ...last]);
  if (v.embed) pairs.push(['embed', v.embed]);
  else pairs.push(['screen', v.screen]);
  pairs.push(
    ['variants', orderedVariants(c).join(',')],
    ['n', c.nMin === c.nMax ? c.nMin : `${c.nMin},${c.nMax}`],
    ['d', c.d],
    ['heads', c.heads],
    ['repeats', c.repeats],
    ['causal', c.causal ? 1 : 0],
    ['input', c.inputKind],
    ['seed', c.seed],
  );
  for (const spec of VARIANT_SPECS) {
    for (const p of spec.params) {
      const value = c.params[spec.id]?.[p.name];
      if (value !== undefined && value !== p.default) pairs.push([`p.${spec.id}.${p.name}`, value]);
    }
  }
  if (v.frontierN !== null) pairs.push(['frontier', v.frontierN]);
  if (!sameSelection(v.param, defaultSelection(c))) {
    pairs.push(['sweep', `${v.param.variant}.${v.param.param}.${v.param.n}`]);
  }
  const hide = HIDE_GROUPS.filter((g) => v.hide.includes(g));
  if (hide.length > 0) pairs.push(['hide', hide.join(',')]);
  // An embedded lab panel needs no other screen's state, only the lab's own parts.
  const kept = v.embed
    ? hashParts()
        .filter((p) => p.lab)
        .flatMap((p) => p.encode())
    : parts;
  return hashOf([...pairs, ...kept, ...last]);
}

const hashOf = (pairs: readonly (readonly [string, string | number])[]) =>
  `#${pairs.map(([k, x]) => `${k}=${enc(x)}`).join('&')}`;

/** The page's address without its hash (origin, path, query), for building links. */
export function pageBase(loc: Pick<Location, 'origin' | 'pathname' | 'search'>): string {
  return `${loc.origin}${loc.pathname}${loc.search}`;
}

const escapeAttr = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A ready `<iframe>` for one panel; every attribute value is escaped. */
export function iframeSnippet(src: string, panel: EmbedPanel, height = 600): string {
  const title = `Attention Explorer: ${EMBED_TITLES[panel]}`;
  return `<iframe src="${escapeAttr(src)}" width="100%" height="${height}" title="${escapeAttr(title)}" loading="lazy" style="border:0"></iframe>`;
}
