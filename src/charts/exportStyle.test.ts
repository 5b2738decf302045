import { describe, expect, it } from 'vitest';
import {
  chartFileName,
  escapeXml,
  layoutLegend,
  ownAttributes,
  resolveCssVars,
  slug,
} from './exportStyle';

describe('chart export names', () => {
  it('slugs titles: lower case, accents and symbols dropped', () => {
    expect(slug('Time against n (median, min–max whiskers)')).toBe(
      'time-against-n-median-min-max-whiskers',
    );
    expect(slug('Relative error against dense ‖Ô − O‖/‖O‖')).toBe(
      'relative-error-against-dense-o-o-o',
    );
    expect(slug('Error against time at n = 1K')).toBe('error-against-time-at-n-1k');
    expect(slug('‖−‖')).toBe('chart');
    expect(slug('x'.repeat(80))).toHaveLength(60);
  });

  it('names a file by the title and the date', () => {
    const date = new Date('2025-01-31T12:00:00Z');
    expect(chartFileName('Memory against n', 'svg', date)).toBe('memory-against-n-2025-01-31.svg');
    expect(chartFileName('Memory against n', 'png', date)).toBe('memory-against-n-2025-01-31.png');
  });
});

describe('chart export styles', () => {
  const vars: Record<string, string> = { '--panel': ' #fff', '--a': 'var(--panel)', '--b': '' };
  const lookup = (n: string) => vars[n] ?? '';

  it('resolves CSS variables, nested ones and fallbacks', () => {
    expect(resolveCssVars('var(--panel)', lookup)).toBe('#fff');
    expect(resolveCssVars('var(--a)', lookup)).toBe('#fff');
    expect(resolveCssVars('var(--b, red)', lookup)).toBe('red');
    expect(resolveCssVars('var(--missing)', lookup)).toBe('');
    expect(resolveCssVars('1px solid var( --panel )', lookup)).toBe('1px solid #fff');
    expect(resolveCssVars('#4e79a7', lookup)).toBe('#4e79a7');
  });

  it('writes computed properties as attributes: empty and inherited ones left out', () => {
    const computed: Record<string, string> = {
      fill: 'rgb(255, 255, 255)',
      stroke: 'none',
      'font-family': '"Segoe UI", sans-serif',
    };
    const props = ['fill', 'stroke', 'opacity', 'font-family'];
    const read = (p: string) => computed[p] ?? '';
    expect(ownAttributes(read, undefined, props)).toEqual([
      ['fill', 'rgb(255, 255, 255)'],
      ['stroke', 'none'],
      ['font-family', "'Segoe UI', sans-serif"],
    ]);
    const parent = (p: string) => (p === 'stroke' ? 'red' : (computed[p] ?? ''));
    expect(ownAttributes(read, parent, props)).toEqual([['stroke', 'none']]);
  });

  it('escapes text for XML', () => {
    expect(escapeXml('a < b & "c" > d')).toBe('a &lt; b &amp; &quot;c&quot; &gt; d');
  });
});

describe('legend layout', () => {
  it('wraps pills into rows no wider than the chart', () => {
    const { boxes, height } = layoutLegend([100, 100, 100], 250, 20);
    expect(boxes).toEqual([
      { x: 0, y: 0, width: 100 },
      { x: 106, y: 0, width: 100 },
      { x: 0, y: 24, width: 100 },
    ]);
    expect(height).toBe(44);
  });

  it('keeps an over-wide pill on its own row and has no height when empty', () => {
    expect(layoutLegend([300], 250, 20).boxes).toEqual([{ x: 0, y: 0, width: 300 }]);
    expect(layoutLegend([], 250, 20).height).toBe(0);
  });
});
