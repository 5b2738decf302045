import { LabStatusLine } from '../complexity/LabStatusLine';
import '../complexity/lab.css';
import { arxivUrl, SOURCES, type SourceId } from '../../core/sources';
import { ChoiceField } from './ChoiceField';
import { useHardnessStore } from './hardnessStore';
import { MathText } from './MathText';
import { PANELS, type PanelSpec } from './panels';
import './hardness.css';

function Cite({ ids }: { ids: readonly SourceId[] }) {
  return (
    <p className="hx-source">
      {ids.length === 1 ? 'Source: ' : 'Sources: '}
      {ids.map((id, i) => {
        const s = SOURCES[id];
        return (
          <span key={id}>
            {i > 0 ? '; ' : ''}
            {s.authors} {s.year}, <cite>{s.title}</cite>,{' '}
            <a href={arxivUrl(s.arxiv)} target="_blank" rel="noreferrer">
              arXiv {s.arxiv}
            </a>
          </span>
        );
      })}
    </p>
  );
}

function Panel({ spec }: { spec: PanelSpec }) {
  const config = useHardnessStore((s) => s.config);
  const { Figure } = spec;
  const heading = `hx-${spec.id}-title`;
  return (
    <section className="panel hx-panel" aria-labelledby={heading}>
      <h2 id={heading}>{spec.title}</h2>
      {spec.text.map((t) => (
        <p key={t}>
          <MathText text={t} />
        </p>
      ))}
      <p className="hx-formula">
        <MathText text={spec.formula} />
      </p>
      <Cite ids={spec.sources} />
      <fieldset className="hx-controls">
        <legend className="visually-hidden">Controls of experiment {spec.title}</legend>
        {spec.fields.map((f) => (
          <ChoiceField key={f} name={f} />
        ))}
      </fieldset>
      <Figure config={config} />
    </section>
  );
}

/** The hardness lab: is quadratic attention avoidable? Five live experiments, each rerunnable. */
export function HardnessLab() {
  return (
    <div className="page">
      <LabStatusLine />
      <section className="panel" aria-labelledby="hardness-title">
        <h2 id="hardness-title">Hardness lab</h2>
        <p>
          Is quadratic attention avoidable? Keles, Wijewardena and Hegde show that under the Strong
          Exponential Time Hypothesis (SETH) computing self-attention, even approximately, takes
          time quadratic in n: no algorithm runs in O(n<sup>2−q</sup>) for any q &gt; 0.
        </p>
        <Cite ids={['keles2022']} />
        <p className="muted">
          The five experiments below show where that bites. Three are computed by the engine in a
          worker on this device when the page opens; the two timing panels first show a run measured
          beforehand at larger sizes, with where and when, and Run live measures them here. Every
          number on a chart comes from a run you can repeat.
        </p>
      </section>
      {PANELS.map((spec) => (
        <Panel key={spec.id} spec={spec} />
      ))}
    </div>
  );
}
