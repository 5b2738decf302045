import { describe, expect, it } from 'vitest';
import { citation, SOURCES } from './sources';

describe('SOURCES', () => {
  it('keys match ids, arXiv ids are well formed and years agree with them', () => {
    for (const [key, s] of Object.entries(SOURCES)) {
      expect(s.id).toBe(key);
      expect(s.arxiv).toMatch(/^\d{4}\.\d{4,5}$/);
      // An arXiv id starts with the two-digit year of submission; publication can be a year later.
      const submitted = 2000 + Number(s.arxiv.slice(0, 2));
      expect(s.year - submitted).toBeGreaterThanOrEqual(0);
      expect(s.year - submitted).toBeLessThanOrEqual(1);
    }
  });

  it('cites authors, year and arXiv id', () => {
    expect(citation(SOURCES.almanSong2023)).toBe('Alman, Song 2023, arXiv 2302.13214');
  });
});
