import type { CrossCheckReport, CrossCheckRow } from '../../engine/crossCheck';
import { formatDiff, formatMs, formatParams, formatTolerance } from '../../shared/numberFormat';

const STATUS_TEXT = { pass: 'pass', fail: 'FAIL', skipped: 'skip', error: 'error' } as const;

function ResultRow({ row }: { row: CrossCheckRow }) {
  return (
    <tr className={`row-${row.status}`} data-variant={row.variant} data-causal={row.causal}>
      <th scope="row">
        {row.variant}
        {Object.keys(row.params).length ? (
          <span className="cell-note">{formatParams(row.params)}</span>
        ) : null}
        {row.note ? <span className="cell-note">{row.note}</span> : null}
      </th>
      <td>{row.causal ? 'yes' : 'no'}</td>
      <td className="num" data-testid="max-diff">
        {formatDiff(row.maxAbsDiff)}
      </td>
      <td className="num wide-only">{formatDiff(row.relDiff)}</td>
      <td className="num">{formatTolerance(row.tolerance)}</td>
      <td>
        <span className={`status status-${row.status}`}>{STATUS_TEXT[row.status]}</span>
      </td>
    </tr>
  );
}

function tolerances(rows: CrossCheckRow[]): string {
  const exact = rows.find((r) => r.exact)?.tolerance;
  const other = rows.find((r) => !r.exact)?.tolerance;
  const parts = [];
  if (exact !== undefined) parts.push(`${formatTolerance(exact)} for exact variants`);
  if (other !== undefined) parts.push(`${formatTolerance(other)} for the others`);
  return parts.join(', ');
}

/** One row per variant and causality: max |Δ| between this backend and cpu, and the verdict. */
export function CrossCheckTable({ report }: { report: CrossCheckReport }) {
  const passed = report.rows.filter((r) => r.ok).length;
  const skipped = report.rows.filter((r) => r.status === 'skipped').length;
  const checked = report.rows.length - skipped;
  const leak = report.tensorsAfter - report.tensorsBefore;
  const o = report.options;
  return (
    <>
      <p className="summary" data-testid="check-summary">
        <strong>
          {passed}/{checked} passed
        </strong>{' '}
        on {report.backend} vs {report.reference} in {formatMs(report.ms)} (n = {o.n}, d = {o.d},{' '}
        {o.heads} heads, seed {o.seed}){skipped > 0 ? `; ${skipped} skipped (see the reasons)` : ''}
        .
      </p>
      <p className="summary" data-testid="tensor-count">
        Tensors before/after: {report.tensorsBefore}/{report.tensorsAfter}{' '}
        {leak === 0 ? '(no leak)' : `(${leak > 0 ? '+' : ''}${leak}: leak)`}
      </p>
      <div className="table-wrap">
        <table className="results" aria-label="Cross-check">
          <caption>
            Tolerance on max |Δ|: {tolerances(report.rows)} (float32 rounding differs between GPU
            and CPU).
          </caption>
          <thead>
            <tr>
              <th scope="col">Variant</th>
              <th scope="col">Causal</th>
              <th scope="col" className="num">
                <span className="nowrap">max |Δ|</span> <span className="nowrap">vs cpu</span>
              </th>
              <th scope="col" className="num wide-only">
                rel ‖Δ‖
              </th>
              <th scope="col" className="num">
                Tolerance
              </th>
              <th scope="col">Result</th>
            </tr>
          </thead>
          <tbody>
            {report.rows.map((row) => (
              <ResultRow key={`${row.variant}-${row.causal}`} row={row} />
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
