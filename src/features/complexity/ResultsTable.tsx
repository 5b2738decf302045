import type { SweepRow } from '../../engine/sweep';

const ms = (x: number) => x.toFixed(3);
const int = (x: number) => Math.round(x).toLocaleString('en');
const gflop = (x: number) => (x / 1e9).toPrecision(4);
const err = (x: number | null) => (x === null ? '—' : x === 0 ? '0' : x.toExponential(3));

/** One point's row; `tag` names its run when two runs are compared. */
function Row({ r, tag }: { r: SweepRow; tag?: string }) {
  const tagCell = tag ? <td className="run-tag">{tag}</td> : null;
  return r.refused !== undefined ? (
    <tr className="refused" data-variant={r.variant} data-run={tag}>
      {tagCell}
      <td>{r.variant}</td>
      <td className="num">{r.n}</td>
      <td colSpan={8} className="refused-reason">
        refused: {r.refused}
      </td>
    </tr>
  ) : (
    <tr data-variant={r.variant} data-run={tag}>
      {tagCell}
      <td>{r.variant}</td>
      <td className="num">{r.n}</td>
      <td className="num">{ms(r.msMedian)}</td>
      <td className="num">{ms(r.msMin)}</td>
      <td className="num">{ms(r.msMax)}</td>
      <td className="num">{int(r.peakBytes)}</td>
      <td className="num">{int(r.analyticBytes)}</td>
      <td className="num">{gflop(r.analyticFlops)}</td>
      <td className="num" title={r.errorReference ? `against ${r.errorReference}` : undefined}>
        {err(r.relError)}
      </td>
      <td className="num">{typeof r.kernelMs === 'number' ? ms(r.kernelMs) : '—'}</td>
    </tr>
  );
}

export interface TableComparison {
  /** The second run's file name. */
  name: string;
  rows: readonly SweepRow[];
}

/** Every point as numbers: the same values the charts draw, refused points with their reason. */
export function ResultsTable({
  rows,
  compare,
}: {
  rows: readonly SweepRow[];
  compare?: TableComparison | null;
}) {
  return (
    <div className="table-wrap">
      <table className="results lab-results" aria-label="Results">
        <caption>
          Times per call in ms (median, min, max over the timed repeats). Peak bytes: tfjs tensor
          accounting during the call; analytic bytes and GFLOP: the variant’s cost formula. Rel.
          error: ‖Ô − O‖/‖O‖ against dense on the same inputs (— where no reference fits). Kernel
          ms: GPU time of the kernels from timestamp queries, where the adapter has them (—
          otherwise).{compare ? ` Run A: the results shown; run B: ${compare.name}.` : null}
        </caption>
        <thead>
          <tr>
            {compare ? <th scope="col">run</th> : null}
            <th scope="col">variant</th>
            <th scope="col" className="num">
              n
            </th>
            <th scope="col" className="num">
              median ms
            </th>
            <th scope="col" className="num">
              min ms
            </th>
            <th scope="col" className="num">
              max ms
            </th>
            <th scope="col" className="num">
              peak bytes
            </th>
            <th scope="col" className="num">
              analytic bytes
            </th>
            <th scope="col" className="num">
              GFLOP
            </th>
            <th scope="col" className="num">
              rel. error
            </th>
            <th scope="col" className="num" title="GPU kernel time from timestamp queries">
              kernel ms
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <Row key={`A:${r.variant}@${r.n}`} r={r} tag={compare ? 'A' : undefined} />
          ))}
          {compare?.rows.map((r) => (
            <Row key={`B:${r.variant}@${r.n}`} r={r} tag="B" />
          ))}
        </tbody>
      </table>
    </div>
  );
}
