import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../features/complexity/model/labConfig';
import { hashParams, parseLabHash } from '../features/complexity/model/labHash';
import { defaultSelection } from '../features/complexity/model/paramSweep';
import { encodeLabHash } from '../features/share/shareHash';
import { type HashPart, registerHashPart } from './hashParts';

/** A part with one integer key `t.k`, default 1, valid 1..9. */
function testPart(): HashPart & { value: number } {
  const part = {
    name: 'test',
    value: 1,
    owns: (key: string) => key === 't.k',
    encode: (): [string, number][] => (part.value === 1 ? [] : [['t.k', part.value]]),
    apply(p: URLSearchParams) {
      const raw = p.get('t.k');
      if (raw === null) return [];
      if (/^[1-9]$/.test(raw)) {
        part.value = Number(raw);
        return [];
      }
      return [`Ignored t.k="${raw}"`];
    },
    subscribe: () => () => {},
  };
  return part;
}

describe('hash parts', () => {
  const part = testPart();
  registerHashPart(part);
  const view = {
    screen: 'layers' as const,
    config: DEFAULT_CONFIG,
    frontierN: null,
    param: defaultSelection(DEFAULT_CONFIG),
    hide: [],
    embed: null,
  };

  it('keys a part owns are not reported as unknown; others still are', () => {
    const { notices } = parseLabHash('#screen=layers&t.k=3&zz=1');
    expect(notices).toHaveLength(1);
    expect(notices[0]).toContain('"zz"');
  });

  it("writes the part's non-default pairs and reads them back", () => {
    part.value = 7;
    const hash = encodeLabHash(view);
    expect(hash).toContain('t.k=7');
    expect(hash).toContain('screen=layers');
    part.value = 1;
    expect(part.apply(hashParams(hash))).toEqual([]);
    expect(part.value).toBe(7);
    part.value = 1;
    expect(encodeLabHash(view)).not.toContain('t.k');
  });

  it('an embedded lab chart carries no other screen state', () => {
    part.value = 5;
    expect(encodeLabHash({ ...view, embed: 'time' })).not.toContain('t.k');
    part.value = 1;
  });

  it('every screen name round-trips', () => {
    for (const screen of ['lab', 'layers', 'hardness', 'story', 'status'] as const) {
      expect(parseLabHash(encodeLabHash({ ...view, screen })).screen).toBe(screen);
    }
  });
});
