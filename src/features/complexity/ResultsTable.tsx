import { useState } from 'react';
import type { SweepRow } from '../../engine/sweep';

/** Rows drawn at once: a 65 000-row file pages instead of blocking the page with 65 000 <tr>. */
export const TABLE_PAGE_ROWS = 200;

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
  const all = [
    ...rows.map((r) => ({ r, tag: compare ? 'A' : undefined })),
    ...(compare?.rows.map((r) => ({ r, tag: 'B' })) ?? []),
  ];
  const pages = Math.max(1, Math.ceil(all.length / TABLE_PAGE_ROWS));
  const [wanted, setPage] = useState(0);
  const page = Math.min(wanted, pages - 1);
  const first = page * TABLE_PAGE_ROWS;
  const shown = all.slice(first, first + TABLE_PAGE_ROWS);
  return (
    <div className="table-wrap">
      {pages > 1 ? (
        <TablePager
          first={first}
          count={shown.length}
          total={all.length}
          onPrevious={page > 0 ? () => setPage(page - 1) : null}
          onNext={page < pages - 1 ? () => setPage(page + 1) : null}
        />
      ) : null}
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
          {shown.map(({ r, tag }) => (
            <Row key={`${tag ?? 'A'}:${r.variant}@${r.n}`} r={r} tag={tag} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

const count = (k: number) => k.toLocaleString('en');

/** "Rows 201–400 of 65,000" with Previous / Next, for tables longer than a page. */
function TablePager(props: {
  first: number;
  count: number;
  total: number;
  onPrevious: (() => void) | null;
  onNext: (() => void) | null;
}) {
  return (
    <div className="table-pager" data-testid="table-pager">
      <span>
        Rows {count(props.first + 1)}–{count(props.first + props.count)} of {count(props.total)}
      </span>
      <button
        type="button"
        className="button"
        disabled={!props.onPrevious}
        onClick={props.onPrevious ?? undefined}
      >
        Previous
      </button>
      <button
        type="button"
        className="button"
        disabled={!props.onNext}
        onClick={props.onNext ?? undefined}
      >
        Next
      </button>
    </div>
  );
}
