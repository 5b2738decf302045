import { quoted } from '../../../core/text';
/**
 * Lesson flags and embed mode, read from the URL hash (like TensorFlow Playground's `hide=`):
 * `hide=variants,sizes` hides those control groups; `embed=time` shows one panel alone.
 */

export const HIDE_GROUPS = ['variants', 'sizes', 'params', 'run', 'table', 'status'] as const;
export type HideGroup = (typeof HIDE_GROUPS)[number];

/** The lab's panels, and `story`: the figure of the guided story's current step (`step=`). */
export const EMBED_PANELS = ['time', 'memory', 'error', 'frontier', 'table', 'story'] as const;
export type EmbedPanel = (typeof EMBED_PANELS)[number];

/** What each panel is called in an iframe's title and the Share dialog. */
export const EMBED_TITLES: Record<EmbedPanel, string> = {
  time: 'time against n',
  memory: 'memory against n',
  error: 'error against n',
  frontier: 'error against time',
  table: 'results table',
  story: "this story step's figure",
};

/**
 * The snippet's iframe height per panel: the taller of the panel's content at a 700 px and a
 * 375 px column (measured in e2e/embedSize.spec.ts, which fails when content outgrows them),
 * with room for a two-line notice. A host that listens gets the exact height as a message.
 */
export const EMBED_HEIGHTS: Record<EmbedPanel, number> = {
  time: 940,
  memory: 780,
  error: 780,
  frontier: 800,
  table: 780,
  story: 1200,
};

/** Panels of the complexity lab (the others carry their own screen's state). */
export type LabPanel = Exclude<EmbedPanel, 'story'>;
export const isLabPanel = (p: EmbedPanel): p is LabPanel => p !== 'story';

export const isHideGroup = (s: string): s is HideGroup =>
  (HIDE_GROUPS as readonly string[]).includes(s);
export const isEmbedPanel = (s: string): s is EmbedPanel =>
  (EMBED_PANELS as readonly string[]).includes(s);

/** `hide=a,b`: the known groups (in the canonical order), and a notice naming unknown ones. */
export function parseHide(raw: string | null): { hide: HideGroup[]; notice: string | null } {
  if (raw === null) return { hide: [], notice: null };
  const names = raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const bad = names.filter((s) => !isHideGroup(s));
  const hide = HIDE_GROUPS.filter((g) => names.includes(g));
  const notice =
    bad.length > 0
      ? `Ignored hide="${quoted(bad.join(','))}" from the URL (valid: ${HIDE_GROUPS.join(', ')}).`
      : null;
  return { hide, notice };
}

/** `embed=time`: the panel, or null with a notice for an unknown one. */
export function parseEmbed(raw: string | null): {
  embed: EmbedPanel | null;
  notice: string | null;
} {
  if (raw === null) return { embed: null, notice: null };
  const v = raw.trim();
  if (isEmbedPanel(v)) return { embed: v, notice: null };
  return {
    embed: null,
    notice: `Ignored embed="${quoted(raw)}" from the URL (valid: ${EMBED_PANELS.join(', ')}); showing the full lab.`,
  };
}
