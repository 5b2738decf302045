import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { peerRatios } from '../../peer/peerReport';
import { DEFAULT_CHROMIUM } from '../benchPlan';
import { checkOutputPath, writeAtomic } from '../output';
import { runPeerPage } from '../peerBench';
import { peerBenchPlan } from '../peerBenchPlan';
import { peerTable, ratioLine } from './benchPeerTable';

/**
 * `bench --browser --peer`: the fused kernel beside ONNX Runtime Web (its WebGPU builds and
 * its CPU build) on the same inputs in one page. Writes the page's report with the ratios and
 * the browser added; prints the table. Exit 2 for bad flags, 1 when the page fails (or with
 * --strict, when fused is slower than the fastest correct WebGPU peer row, or has none).
 */
export async function peerBenchCommand(
  argv: string[],
  stderr: (s: string) => void,
): Promise<number> {
  const plan = peerBenchPlan(argv);
  if (!plan.outputGiven) mkdirSync(dirname(plan.output), { recursive: true });
  checkOutputPath(plan.output);
  const result = await runPeerPage(plan, stderr);
  const { report } = result;
  if (report.error) throw new Error(`the peer page failed: ${report.error}`);
  const ratios = peerRatios(report);
  const out = {
    what: 'Attention Explorer peer benchmark: the fused WGSL kernel beside ONNX Runtime Web, same inputs, same page',
    command: `npm run bench -- ${argv.join(' ')}`,
    ...report,
    provenance: {
      ...report.provenance,
      browser: {
        executable: process.env.CHROMIUM_PATH ?? DEFAULT_CHROMIUM,
        version: result.browserVersion,
      },
    },
    ratios,
    timing:
      'wall ms per call after one warm-up: Q, K, V from CPU arrays, the call, the output read back (the same for every row); median, min and max of the timed calls',
    seconds: result.seconds,
    consoleErrors: result.consoleErrors,
  };
  writeAtomic(plan.output, `${JSON.stringify(out, null, 2)}\n`);
  const adapter = report.provenance.adapter;
  stderr(
    `peer bench in Chromium ${result.browserVersion} on ${adapter ? `${adapter.vendor} ${adapter.architecture}` : 'an unnamed adapter'}; ORT ${report.provenance.ortVersion}; ${result.seconds.toFixed(0)} s in all`,
  );
  if (report.provenance.gpuPeak) {
    stderr(
      `the adapter's measured FMA peak: ${report.provenance.gpuPeak.gflopsPerSecond.toFixed(1)} GFLOP/s`,
    );
  }
  for (const line of peerTable(report)) stderr(line);
  stderr('');
  for (const r of ratios) stderr(ratioLine(r));
  for (const e of result.consoleErrors) stderr(`page console error: ${e}`);
  stderr(`wrote ${plan.output}`);
  const lost = ratios.some((r) => r.ratio === null || r.ratio > 1);
  return plan.strict && lost ? 1 : 0;
}
