import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type LabConfig } from '../complexity/model/labConfig';
import { parseLabHash } from '../complexity/model/labHash';
import { defaultSelection } from '../complexity/model/paramSweep';
import { parseEmbed, parseHide } from '../complexity/model/viewFlags';
import { STORY_STEPS } from '../story/storySteps';
import { useStoryStore } from '../story/storyStore';
import { encodeLabHash, iframeSnippet, type ShareView } from './shareHash';

const defaults = (): LabConfig => ({
  ...DEFAULT_CONFIG,
  params: structuredClone(DEFAULT_CONFIG.params),
});

/** Every control away from its default. */
function unusualView(): ShareView {
  const config: LabConfig = {
    variants: ['dense', 'flash', 'lsh', 'taylor'],
    nMin: 16,
    nMax: 256,
    d: 17,
    heads: 3,
    repeats: 7,
    causal: true,
    inputKind: 'clustered',
    seed: 4_000_000_000,
    params: defaults().params,
  };
  config.params.flash.block = 32;
  config.params.lsh.rounds = 2;
  config.params.performer.m = 128;
  return {
    screen: 'status',
    config,
    frontierN: 128,
    param: { variant: 'lsh', param: 'chunk', n: 64 },
    hide: ['sizes', 'run'],
    embed: null,
  };
}

describe('share hash', () => {
  it('round-trips every control', () => {
    const v = unusualView();
    const hash = encodeLabHash(v);
    expect(hash).toContain('p.flash.block=32');
    expect(hash).toContain('variants=dense,flash,lsh,taylor');
    const h = parseLabHash(hash);
    expect(h.notices).toEqual([]);
    expect(h.screen).toBe('status');
    expect(h.config).toEqual(v.config);
    expect(h.frontierN).toBe(128);
    expect(h.param).toEqual(v.param);
    expect(h.hide).toEqual(['sizes', 'run']);
    expect(h.embed).toBeNull();
  });

  it('round-trips the defaults, writing no parameter or selection that is a default', () => {
    const config = defaults();
    const v: ShareView = {
      screen: 'lab',
      config,
      frontierN: null,
      param: defaultSelection(config),
      hide: [],
      embed: null,
    };
    const hash = encodeLabHash(v);
    expect(hash).not.toMatch(/p\.|sweep=|frontier=|hide=/);
    const h = parseLabHash(hash);
    expect(h).toMatchObject({ config, frontierN: null, param: null, hide: [], notices: [] });
  });

  it('writes embed instead of screen, and carries backend', () => {
    const hash = encodeLabHash({ ...unusualView(), embed: 'frontier' }, 'wasm');
    expect(hash.startsWith('#embed=frontier&')).toBe(true);
    expect(hash).toMatch(/&backend=wasm$/);
    expect(parseLabHash(hash).embed).toBe('frontier');
  });

  it("embeds a story step's figure with the story's state and none of the lab's", () => {
    useStoryStore.getState().go(STORY_STEPS.findIndex((s) => s.id === 'flash'));
    const hash = encodeLabHash({ ...unusualView(), embed: 'story' }, 'wasm');
    expect(hash).toBe('#embed=story&step=flash&backend=wasm');
    expect(parseLabHash(hash)).toMatchObject({ embed: 'story', notices: [] });
    // A lab panel's embed leaves the story's state out.
    expect(encodeLabHash({ ...unusualView(), embed: 'time' })).not.toContain('step=');
    useStoryStore.getState().go(0);
  });

  it('still reads the bench and e2e form', () => {
    const h = parseLabHash(
      '#screen=lab&variants=dense,flash&n=64,128,256&d=32&heads=1&repeats=3&causal=0&input=gaussian&seed=1',
    );
    expect(h.notices).toEqual([]);
    expect(h.config).toMatchObject({ variants: ['dense', 'flash'], nMin: 64, nMax: 256 });
  });
});

describe('hostile hashes', () => {
  const base = defaults();
  it('script tags, huge numbers, NaN and unknown ids keep defaults, each named', () => {
    const h = parseLabHash(
      `#variants=dense,evil&d=1e9&heads=NaN&seed=99999999999999999999&input=<script>alert(1)</script>&p.flash.block=-3&p.flash.nope=2&p.evil.x=1&frontier=100&sweep=<img>&n=Infinity`,
    );
    expect(h.config).toEqual(base);
    expect(h.frontierN).toBeNull();
    expect(h.param).toBeNull();
    const all = h.notices.join('\n');
    for (const key of [
      'variants',
      'd=',
      'heads',
      'seed',
      'input',
      'p.flash.block',
      'p.flash.nope',
    ]) {
      expect(all).toContain(key);
    }
    for (const key of ['p.evil.x', 'frontier', 'sweep', 'n=']) expect(all).toContain(key);
    expect(all).toContain('must be in [1, 8192], got -3');
    expect(h.notices.length).toBe(11);
  });

  it('out-of-range and non-integer parameters are refused by the specs', () => {
    expect(parseLabHash('#p.flash.block=3.5').config.params.flash.block).toBe(64);
    expect(parseLabHash('#p.flash.block=1e3').notices[0]).toContain('finite');
    expect(parseLabHash('#p.flash.block=32').config.params.flash.block).toBe(32);
  });

  it('a duplicated key uses the first value, with a notice', () => {
    const h = parseLabHash('#d=16&d=<b>x</b>');
    expect(h.config.d).toBe(16);
    expect(h.notices).toEqual(['The URL gives d 2 times; only the first is used.']);
  });

  it('unknown keys are named, long values shortened', () => {
    const h = parseLabHash(`#<script>=1&variants=${'x'.repeat(500)}`);
    expect(h.notices[0]).toContain('unknown key "<script>"');
    expect(h.notices[1].length).toBeLessThan(200);
  });
});

describe('lesson flags and embed', () => {
  it('reads known groups in canonical order and names unknown ones', () => {
    expect(parseHide('run,variants')).toEqual({ hide: ['variants', 'run'], notice: null });
    const r = parseHide('table,<svg onload=x>,status');
    expect(r.hide).toEqual(['table', 'status']);
    expect(r.notice).toContain('<svg onload=x>');
    expect(parseHide(null)).toEqual({ hide: [], notice: null });
  });

  it('reads an embed panel or refuses it', () => {
    expect(parseEmbed('time').embed).toBe('time');
    expect(parseEmbed('evil')).toMatchObject({ embed: null });
    expect(parseEmbed('evil').notice).toContain('evil');
    expect(parseLabHash('#embed=table&hide=run').hide).toEqual(['run']);
  });
});

describe('iframe snippet', () => {
  it('builds the snippet with every attribute escaped', () => {
    const s = iframeSnippet('https://x.test/app/#embed=time&d=32', 'time');
    expect(s).toBe(
      '<iframe src="https://x.test/app/#embed=time&amp;d=32" width="100%" height="600" title="Attention Explorer: time against n" loading="lazy" style="border:0"></iframe>',
    );
    const evil = iframeSnippet('https://x.test/"><script>alert(1)</script>', 'table');
    expect(evil).not.toContain('<script>');
    expect(evil).toContain('&quot;&gt;&lt;script&gt;');
  });
});
