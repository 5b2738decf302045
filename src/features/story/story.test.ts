import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ModelInfo } from '../../core/model/trace';
import { isTermId } from '../../shared/glossary';
import { hashParts } from '../../shared/hashParts';
import { texToMathML, texToSpeech } from '../../shared/mathml';
import { richTexts } from '../../shared/richText';
import { hashParams, parseLabHash, SCREENS } from '../complexity/model/labHash';
import { RECAP_LINES } from './RecapFigure';
import { findStep, STORY_STEPS } from './storySteps';
import { useStoryStore } from './storyStore';
// Registers the hash parts of the screens the steps open, so their keys are checked too.
import '../hardness/hardnessStore';
import { parseLayers } from '../layers/layersHash';
import '../layers/layersStore';

const shippedModels = (
  JSON.parse(readFileSync('public/models/index.json', 'utf8')) as { models: ModelInfo[] }
).models;

const storyPart = () => {
  const part = hashParts().find((p) => p.name === 'story');
  if (!part) throw new Error('the story registers no hash part');
  return part;
};

describe('guided story', () => {
  it('has 8–10 steps, each with 2–4 sentences, a formula and cited sources', () => {
    expect(STORY_STEPS.length).toBeGreaterThanOrEqual(8);
    expect(STORY_STEPS.length).toBeLessThanOrEqual(10);
    for (const step of STORY_STEPS) {
      expect(step.sentences.length, step.id).toBeGreaterThanOrEqual(2);
      expect(step.sentences.length, step.id).toBeLessThanOrEqual(4);
      expect(step.formula.tex.length, step.id).toBeGreaterThan(5);
      expect(step.sources.length, step.id).toBeGreaterThan(0);
      for (const s of step.sources) {
        expect(s.arxiv, `${step.id} ${s.authors}`).toMatch(/^\d{4}\.\d{4,5}$/);
        expect(s.year).toBeGreaterThan(2010);
      }
    }
  });

  it('asks the seed questions in their order', () => {
    const order = [
      'provably unavoidable',
      'sparse, low-rank and kernel',
      'Mixture-of-Depths',
      'FlashAttention',
      'residual connections',
      'promising next',
    ];
    const at = order.map((q) => STORY_STEPS.findIndex((s) => s.question.includes(q)));
    expect(at.every((k) => k >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });

  it('states no measured number in its sentences (numbers come from the figures)', () => {
    for (const step of STORY_STEPS) {
      for (const s of step.sentences) expect(s, step.id).not.toMatch(/\d+(\.\d+)?\s*(ms|%|×|x\b)/);
    }
  });

  it("opens each step's preset on a real screen", () => {
    for (const step of STORY_STEPS) {
      const screen = hashParams(step.open.hash).get('screen');
      expect(SCREENS, step.id).toContain(screen);
      const parsed = parseLabHash(`#${step.open.hash}`);
      expect(parsed.screen).toBe(screen);
      expect(parsed.notices, step.id).toEqual([]);
      const params = hashParams(step.open.hash);
      for (const part of hashParts())
        expect(part.apply(params), `${step.id} ${part.name}`).toEqual([]);
      // Models are checked against the shipped index, which the screen loads at start.
      expect(parseLayers(params, shippedModels).notices, step.id).toEqual([]);
    }
  });

  it('finds a step by id or 1-based number, and nothing else', () => {
    expect(findStep('flash')).toBe(STORY_STEPS.findIndex((s) => s.id === 'flash'));
    expect(findStep('1')).toBe(0);
    expect(findStep(String(STORY_STEPS.length))).toBe(STORY_STEPS.length - 1);
    for (const bad of ['0', '99', '-1', 'nope', '<script>', '']) expect(findStep(bad)).toBeNull();
  });

  it('keeps the step in the hash, and a bad step falls back to the first with a notice', () => {
    const part = storyPart();
    useStoryStore.getState().go(3);
    const pairs = part.encode();
    expect(pairs).toEqual([['step', STORY_STEPS[3].id]]);
    useStoryStore.getState().go(0);
    expect(part.encode()).toEqual([]);
    expect(part.apply(new URLSearchParams(`step=${STORY_STEPS[3].id}`))).toEqual([]);
    expect(useStoryStore.getState().step).toBe(3);
    const notices = part.apply(new URLSearchParams('step=%3Cb%3Ex'));
    expect(notices).toHaveLength(1);
    expect(notices[0]).toContain('step="<b>x"');
    expect(useStoryStore.getState().step).toBe(0);
    expect(parseLabHash('#screen=story&step=flash').notices).toEqual([]);
  });

  it('clamps moves to the first and last step', () => {
    useStoryStore.getState().go(-4);
    expect(useStoryStore.getState().step).toBe(0);
    useStoryStore.getState().go(100);
    expect(useStoryStore.getState().step).toBe(STORY_STEPS.length - 1);
  });
});

describe('story text and maths', () => {
  const texts = () => [
    ...STORY_STEPS.flatMap((s) => [...s.sentences, s.question, s.short]),
    ...Object.values(RECAP_LINES),
  ];

  it('shows no raw TeX outside its $…$ maths, and names only glossary terms', () => {
    for (const source of texts()) {
      const { text, tex, terms } = richTexts(source);
      for (const t of text) expect(t, source).not.toMatch(/[\\^_{}$]|\[\[|\]\]/);
      for (const id of terms) expect(isTermId(id), `${id} in ${source}`).toBe(true);
      for (const t of tex) expect(() => texToMathML(t, { alt: 'x' }), t).not.toThrow();
    }
  });

  it('introduces Q, K, V, d and n in the first step, before any other step uses them', () => {
    const first = STORY_STEPS[0].sentences.join(' ');
    for (const id of ['Q', 'K', 'V', 'd', 'n']) expect(first, id).toContain(`[[${id}]]`);
    // The notation stays n (never S or C for the sequence, as Mixture-of-Depths papers write).
    for (const s of STORY_STEPS)
      for (const x of s.sentences) expect(x).not.toMatch(/\b[SC] tokens\b/);
  });

  it('renders every step formula as MathML with a text alternative and no inline style', () => {
    for (const step of STORY_STEPS) {
      const html = texToMathML(step.formula.tex, {
        display: true,
        alt: step.formula.alt ?? texToSpeech(step.formula.tex),
      });
      expect(html, step.id).toMatch(/^<math alttext="[^"]{8,}"/);
      expect(html, step.id).not.toMatch(/\sstyle=|<script|merror/);
      expect(step.formula.alt ?? '', step.id).not.toMatch(/[\\^_{}]/);
    }
  });

  it('links the recap to every other step', () => {
    const ids = STORY_STEPS.map((s) => s.id).filter((id) => id !== 'recap');
    expect(Object.keys(RECAP_LINES).sort()).toEqual([...ids].sort());
  });
});
