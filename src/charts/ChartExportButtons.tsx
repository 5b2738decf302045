import { type RefObject, useState } from 'react';
import { messageOf } from '../core/messageOf';
import { chartPng, chartSvg, type ExportLegendItem, saveBlob } from './exportChart';
import { chartFileName } from './exportStyle';

/** "SVG" and "PNG" downloads of one chart, drawn as on screen with its visible legend. */
export function ChartExportButtons(props: {
  figure: RefObject<HTMLElement | null>;
  title: string;
  legend: readonly ExportLegendItem[];
}) {
  const [error, setError] = useState<string | null>(null);
  const image = () => {
    const figure = props.figure.current;
    const svg = figure?.querySelector<SVGSVGElement>('svg.chart-svg');
    if (!figure || !svg) throw new Error('the chart is not on the page');
    return chartSvg({ figure, svg, title: props.title, legend: props.legend });
  };
  const asSvg = () => {
    try {
      setError(null);
      const blob = new Blob([image().svg], { type: 'image/svg+xml' });
      saveBlob(blob, chartFileName(props.title, 'svg'));
    } catch (err) {
      setError(messageOf(err));
    }
  };
  const asPng = () => {
    setError(null);
    Promise.resolve()
      .then(() => chartPng(image(), 2))
      .then((blob) => saveBlob(blob, chartFileName(props.title, 'png')))
      .catch((err: unknown) => setError(messageOf(err)));
  };
  return (
    <div className="chart-export">
      <button
        type="button"
        className="chart-export-button"
        aria-label={`Download ${props.title} as SVG`}
        onClick={asSvg}
      >
        SVG
      </button>
      <button
        type="button"
        className="chart-export-button"
        aria-label={`Download ${props.title} as PNG`}
        onClick={asPng}
      >
        PNG
      </button>
      {error ? (
        <span className="chart-note" role="alert">
          Export failed: {error}
        </span>
      ) : null}
    </div>
  );
}
