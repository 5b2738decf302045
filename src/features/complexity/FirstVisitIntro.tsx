import { PrecomputedChart } from './PrecomputedChart';

/** Variants of the first chart: quadratic, tiled, fused and linear, few enough for a phone. */
export const INTRO_VARIANTS = ['dense', 'flash', 'fused', 'linear'] as const;

/** Plot height: lower on a phone, so the chart and the story link share the first screen. */
const plotHeight = () =>
  typeof window !== 'undefined' && window.matchMedia('(max-width: 720px)').matches ? 180 : 240;

/**
 * The first viewport of a first visit: what the app shows (a chart of the reference run, with
 * its large-n exponents) and the way into the guided story; the lab's controls follow below.
 * DOM order is the phone's reading order; lab.css puts the text beside the chart when wide.
 */
export function FirstVisitIntro() {
  return (
    <section className="panel first-visit" aria-labelledby="first-visit-heading">
      <h2 id="first-visit-heading" className="first-visit-head">
        Exact attention costs n²: measured, not asserted
      </h2>
      <p className="first-visit-actions">
        <a className="button primary" href="#screen=story" data-testid="start-story">
          Start the guided story
        </a>
        {/* A button, not a #fragment link: the hash holds the lab's settings. */}
        <button
          type="button"
          className="link-button"
          onClick={() => document.getElementById('lab-heading')?.scrollIntoView()}
        >
          or run it yourself in the lab below
        </button>
      </p>
      <div className="first-visit-chart">
        <PrecomputedChart panel="time" variants={INTRO_VARIANTS} height={plotHeight()} />
      </div>
      <p className="first-visit-text">
        Each line times one attention variant as the sequence length n doubles. Dense attention
        grows like n², so doubling n quadruples its time; tiling (flash) keeps the n², a fused
        kernel cuts the constant and the memory; linear attention grows like n, and pays in
        accuracy.
      </p>
    </section>
  );
}
