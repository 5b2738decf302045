import { oneLine, type PeerRatio, type PeerReport, type PeerRow } from '../../peer/peerReport';

/** The peer bench's table and ratio lines, for the terminal (and docs/benchmarks.md). */

const ms = (x: number) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));

function timeText(r: PeerRow): string {
  return r.ms ? `${ms(r.ms.median)} (${ms(r.ms.min)}–${ms(r.ms.max)})` : '—';
}

function peakText(r: PeerRow): string {
  if (r.gflopsPerSecond === null) return '—';
  const share = r.fractionOfPeak === null ? '' : ` (${(100 * r.fractionOfPeak).toFixed(0)}%)`;
  return `${r.gflopsPerSecond.toFixed(2)}${share}`;
}

/** One markdown table per n and causal flag: every row, its time, error, GFLOP/s and status. */
export function peerTable(report: PeerReport): string[] {
  const lines: string[] = [];
  const header =
    '| row | device | median ms (min–max) | max abs error | GFLOP/s (of peak) | status |';
  for (const n of report.plan.ns) {
    for (const causal of report.plan.causal) {
      const rows = report.rows.filter((r) => r.n === n && r.causal === causal);
      if (rows.length === 0) continue;
      lines.push(
        '',
        `n = ${n}, d = ${report.plan.d}, heads = ${report.plan.heads}${causal ? ', causal' : ''}`,
        '',
      );
      lines.push(header, '| --- | --- | --- | --- | --- | --- |');
      for (const r of rows) {
        const who = r.engine === 'attention-explorer' ? `engine ${r.name}` : `ORT ${r.name}`;
        const err = r.maxAbsError === null ? '—' : r.maxAbsError.toExponential(1);
        const status = r.reason ? `${r.status}: ${oneLine(r.reason)}` : r.status;
        lines.push(
          `| ${who} | ${r.device} | ${timeText(r)} | ${err} | ${peakText(r)} | ${status} |`,
        );
      }
    }
  }
  return lines;
}

export function ratioLine(r: PeerRatio): string {
  const where = `n = ${r.n}${r.causal ? ', causal' : ''}`;
  if (r.ratio === null || !r.peer) {
    return `${where}: no ratio (${r.fusedMs === null ? 'fused did not measure' : 'no correct WebGPU peer row'})`;
  }
  return `${where}: fused ${ms(r.fusedMs ?? 0)} ms / ORT ${r.peer.name} ${ms(r.peer.ms)} ms = ${r.ratio.toFixed(2)}× ${r.ratio <= 1 ? '(fused at least as fast)' : '(fused slower)'}`;
}
