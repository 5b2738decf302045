import type { SweepRow } from '../../engine/sweep';

const ms = (x: number) => x.toFixed(3);
const int = (x: number) => Math.round(x).toLocaleString('en');
const gflop = (x: number) => (x / 1e9).toPrecision(4);
const err = (x: number | null) => (x === null ? '—' : x === 0 ? '0' : x.toExponential(3));

/** Every point as numbers: the same values the charts draw, refused points with their reason. */
export function ResultsTable({ rows }: { rows: readonly SweepRow[] }) {
  return (
    <div className="table-wrap">
      <table className="results lab-results" aria-label="Results">
        <caption>
          Times per call in ms (median, min, max over the timed repeats). Peak bytes: tfjs tensor
          accounting during the call; analytic bytes and GFLOP: the variant’s cost formula. Rel.
          error: ‖Ô − O‖/‖O‖ against dense on the same inputs (— where no reference fits). Kernel
          ms: GPU time of the kernels from timestamp queries, where the adapter has them (—
          otherwise).
        </caption>
        <thead>
          <tr>
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
          {rows.map((r) =>
            r.refused !== undefined ? (
              <tr key={`${r.variant}@${r.n}`} className="refused" data-variant={r.variant}>
                <td>{r.variant}</td>
                <td className="num">{r.n}</td>
                <td colSpan={8} className="refused-reason">
                  refused: {r.refused}
                </td>
              </tr>
            ) : (
              <tr key={`${r.variant}@${r.n}`} data-variant={r.variant}>
                <td>{r.variant}</td>
                <td className="num">{r.n}</td>
                <td className="num">{ms(r.msMedian)}</td>
                <td className="num">{ms(r.msMin)}</td>
                <td className="num">{ms(r.msMax)}</td>
                <td className="num">{int(r.peakBytes)}</td>
                <td className="num">{int(r.analyticBytes)}</td>
                <td className="num">{gflop(r.analyticFlops)}</td>
                <td
                  className="num"
                  title={r.errorReference ? `against ${r.errorReference}` : undefined}
                >
                  {err(r.relError)}
                </td>
                <td className="num">{typeof r.kernelMs === 'number' ? ms(r.kernelMs) : '—'}</td>
              </tr>
            ),
          )}
        </tbody>
      </table>
    </div>
  );
}
