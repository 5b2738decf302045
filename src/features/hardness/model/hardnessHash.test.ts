import { describe, expect, it } from 'vitest';
import { hashParts } from '../../../shared/hashParts';
import { hashParams, parseLabHash } from '../../complexity/model/labHash';
import { useHardnessStore } from '../hardnessStore';
import { DEFAULT_HARDNESS_CONFIG, FIELDS, type HardnessConfig } from './config';
import { encodeHardnessHash, parseHardnessHash } from './hardnessHash';

const parse = (hash: string) => parseHardnessHash(hashParams(hash));
const toHash = (c: HardnessConfig) =>
  `#screen=hardness&${encodeHardnessHash(c)
    .map(([k, v]) => `${k}=${v}`)
    .join('&')}`;

describe('hardness hash part', () => {
  it('writes nothing for the defaults', () => {
    expect(encodeHardnessHash(DEFAULT_HARDNESS_CONFIG)).toEqual([]);
    expect(parse('#screen=hardness')).toEqual({ config: DEFAULT_HARDNESS_CONFIG, notices: [] });
  });

  it('round-trips every field at a non-default choice', () => {
    const config = { ...DEFAULT_HARDNESS_CONFIG };
    for (const key of Object.keys(FIELDS) as (keyof HardnessConfig)[]) {
      const field = FIELDS[key];
      const other = field.choices.find((c) => c !== field.default);
      Object.assign(config, { [key]: other });
    }
    config.rankN = 64;
    config.rankM = 48;
    const back = parse(toHash(config));
    expect(back.notices).toEqual([]);
    expect(back.config).toEqual(config);
    expect(toHash(config)).toContain('h.pf.orth=1');
    expect(toHash(config)).toContain('h.rl.pattern=shift');
  });

  it('bad values keep their defaults, with a notice naming each', () => {
    const { config, notices } = parse(
      '#h.be.c=7&h.rl.pattern=%3Cb%3Ex&h.pf.orth=yes&h.mod.cap=0.3&h.zz=1&h.fm.n=',
    );
    expect(config).toEqual(DEFAULT_HARDNESS_CONFIG);
    expect(notices).toHaveLength(6);
    expect(notices[0]).toBe(
      'Ignored h.be.c="7" from the URL (c in d = ⌈c·log₂ n⌉: one of 0.5, 1, 1.5, 2, 3); using the default.',
    );
    expect(notices.join('\n')).toContain('h.rl.pattern="<b>x"');
    expect(notices.join('\n')).toContain('h.pf.orth="yes"');
    expect(notices.join('\n')).toContain('Ignored the unknown key "h.zz" in the URL.');
  });

  it('a rank at or above n falls back to a valid rank with a notice', () => {
    const { config, notices } = parse('#h.rl.n=8&h.rl.m=16');
    expect(config.rankN).toBe(8);
    expect(config.rankM).toBeLessThan(8);
    expect(notices[0]).toMatch(/rank must be below n = 8/);
  });

  it('is registered: the lab does not call its keys unknown, and apply sets the store', () => {
    expect(parseLabHash('#screen=hardness&h.rl.m=4&h.be.n=512').notices).toEqual([]);
    const part = hashParts().find((p) => p.name === 'hardness');
    expect(part).toBeDefined();
    let changes = 0;
    const off = part?.subscribe(() => changes++);
    expect(part?.apply(hashParams('#h.rl.m=4&h.be.n=512'))).toEqual([]);
    expect(useHardnessStore.getState().config).toMatchObject({ rankM: 4, boundedN: 512 });
    expect(part?.encode()).toEqual([
      ['h.be.n', '512'],
      ['h.rl.m', '4'],
    ]);
    expect(changes).toBe(1);
    useHardnessStore.getState().set('rankN', 8);
    expect(useHardnessStore.getState().config.rankM).toBe(4);
    useHardnessStore.getState().set('rankM', 2);
    useHardnessStore.getState().set('rankN', 24);
    expect(useHardnessStore.getState().config.rankM).toBe(2);
    off?.();
  });
});
