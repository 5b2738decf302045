import { toSweepRows } from '../benchLabDoc';
import { browserPlan, DEFAULT_CHROMIUM } from '../benchPlan';
import { prepareOutput, runInBrowser } from '../browserBench';
import { FIRST_PAINT_DEFINITION, firstPaintCheck, firstPaintLine } from '../firstPaint';
import { writeAtomic } from '../output';
import { runPrecompute } from '../precomputeRun';
import { benchChecks, fitRangeFor } from './benchChecks';
import { OVERHEAD_DEFINITION } from './benchOverhead';
import { adapterText, benchTable } from './benchTable';
import { sweepConfig } from './sweepConfig';

/**
 * `bench --browser` (and `--precompute`): the lab in headless Chromium, driven like a visitor
 * (src/cli/browserBench.ts). Writes the lab's own JSON download with the bench's checks added
 * under "bench" (the Node bench's checks, plus the first-paint budget) and the browser under
 * provenance.browser; prints the same table and checks as the Node bench. Exit 2 for bad flags,
 * 1 when the build, server, browser or page fails.
 */
export async function browserBenchCommand(
  argv: string[],
  stderr: (s: string) => void,
): Promise<number> {
  const plan = browserPlan(argv, (v, defaults) => sweepConfig(v, defaults).config);
  prepareOutput(plan);
  for (const note of plan.notes) stderr(`note: ${note}`);
  const result = plan.precompute
    ? await runPrecompute(plan, stderr)
    : await runInBrowser(plan, stderr);
  const { doc, firstPaint } = result;
  const rows = toSweepRows(doc.rows);
  const range = fitRangeFor(plan.run.ns, plan.config.fitMinN);
  const measured = benchChecks(rows, plan.run.variants, range);
  const checks = [...measured.checks, firstPaintCheck(firstPaint)];
  const failed = checks.filter((c) => c.status === 'fail').length;
  const out = {
    ...doc,
    provenance: {
      ...doc.provenance,
      browser: {
        executable: process.env.CHROMIUM_PATH ?? DEFAULT_CHROMIUM,
        version: result.browserVersion,
        userAgent: result.userAgent,
        url: result.url,
        driver: 'npm run bench -- --browser (src/cli/browserBench.ts)',
      },
    },
    bench: {
      what: "Attention Explorer browser benchmark: the lab's own run in headless Chromium, checked as the Node bench",
      checksPassed: failed === 0,
      checks,
      gflopsPerSecond: measured.gflops,
      overheadOverKernel: measured.overhead,
      overheadDefinition: OVERHEAD_DEFINITION,
      firstPaint: { ...firstPaint, definition: FIRST_PAINT_DEFINITION },
      fitRange: range,
      fits: measured.fits,
      seconds: result.seconds,
      consoleErrors: result.consoleErrors,
    },
  };
  writeAtomic(plan.output, `${JSON.stringify(out, null, 2)}\n`);
  const r = plan.run;
  stderr(
    `bench in Chromium ${result.browserVersion} on ${doc.provenance.backend}${adapterText(doc.provenance.adapter)}: d=${r.d}, heads=${r.heads}, ${r.inputKind}, seed ${r.seed}, ${r.repeats} repeat${r.repeats === 1 ? '' : 's'}; ${result.seconds.toFixed(1)} s in all`,
  );
  stderr(firstPaintLine(firstPaint));
  for (const line of benchTable(rows, measured.fits, checks, range, r.ns)) stderr(line);
  for (const e of result.consoleErrors) stderr(`page console error: ${e}`);
  stderr(`wrote ${plan.output}`);
  return plan.strict && failed > 0 ? 1 : 0;
}
