import { LabStatusLine } from '../complexity';
import '../complexity/lab.css';
import { arxivUrl, SOURCES, type SourceId } from '../../core/sources';
import { Formula } from '../../shared/Formula';
import { RichText } from '../../shared/RichText';
import { Term } from '../../shared/Term';
import { ChoiceField } from './ChoiceField';
import { useHardnessStore } from './hardnessStore';
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
          <RichText source={t} />
        </p>
      ))}
      <div className="hx-formula">
        <Formula tex={spec.formula} display />
      </div>
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
          Exponential Time Hypothesis (<Term id="SETH" />) computing self-attention, even
          approximately, takes time quadratic in <Formula tex="n" />: no algorithm runs in{' '}
          <Formula tex="O(n^{2-q})" /> for any <Formula tex="q > 0" />.
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
