import { messageOf } from '../core/messageOf';
import { peerPlanFromQuery } from './peerPlan';
import type { PeerReport, PeerRow } from './peerReport';
import { runPeerBench } from './runPeerBench';

/**
 * The peer page (built and served only by `npm run bench -- --browser --peer`): runs the plan in
 * its query string and leaves the report on `window.peerReport` for the bench to read.
 */

declare global {
  interface Window {
    peerReport?: PeerReport;
  }
}

const status = document.getElementById('status') as HTMLElement;
const table = document.getElementById('rows') as HTMLElement;

function rowLine(r: PeerRow): string {
  const ms = r.ms ? `${r.ms.median.toFixed(1)} ms` : '—';
  const err = r.maxAbsError === null ? '—' : r.maxAbsError.toExponential(1);
  return `n=${r.n} ${r.causal ? 'causal' : 'full  '} ${r.device.padEnd(6)} ${r.name.padEnd(16)} ${ms.padStart(10)}  err ${err}  ${r.status}${r.reason ? `: ${r.reason}` : ''}`;
}

async function main(): Promise<void> {
  const report: PeerReport = {
    plan: peerPlanFromQuery(location.search),
    provenance: {
      userAgent: navigator.userAgent,
      adapter: null,
      features: [],
      ortVersion: null,
      ortBuilds: {},
      tfjsVersion: '',
      gpuPeak: null,
    },
    rows: [],
    log: [],
    done: false,
    error: null,
  };
  window.peerReport = report;
  try {
    await runPeerBench(report, (row) => {
      table.textContent += `${rowLine(row)}\n`;
      status.textContent = report.log[report.log.length - 1] ?? '';
    });
    status.textContent = `Done: ${report.rows.length} rows`;
  } catch (err) {
    report.error = messageOf(err);
    status.textContent = `Failed: ${report.error}`;
  } finally {
    report.done = true;
  }
}

void main();
