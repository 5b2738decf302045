import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { runSweep, type SweepFit, type SweepRow } from '../../engine/sweep';
import { parseFlags, str } from '../args';
import { cliBackend, startBackend } from '../backendSetup';
import { writeAtomic } from '../output';
import { nodeProvenance } from '../provenance';
import { checkParams } from './sweep';
import { SWEEP_OPTIONS, sweepConfig } from './sweepConfig';

export const BENCH_USAGE =
  'bench [--backend wasm|cpu|webgpu] [--n 256,512,1024,2048,4096] [--variants …] [--repeats 5] [--output FILE] [--strict]';

/** The figures the engine must show (issue: engine), each with its measured value. */
export interface BenchCheck {
  name: string;
  pass: boolean;
  measured: number | null;
  bound: string;
}

const LINEAR_VARIANTS = ['window', 'linformer', 'performer', 'linear'];

function checks(rows: SweepRow[], fits: SweepFit[], largestN: number): BenchCheck[] {
  const slope = (id: string) => fits.find((f) => f.variant === id)?.slope ?? null;
  const out: BenchCheck[] = [];
  const dense = slope('dense');
  out.push({
    name: 'dense fitted exponent',
    measured: dense,
    bound: '≥ 1.8',
    pass: dense !== null && dense >= 1.8,
  });
  for (const id of LINEAR_VARIANTS) {
    const s = slope(id);
    out.push({
      name: `${id} fitted exponent`,
      measured: s,
      bound: '≤ 1.3',
      pass: s !== null && s <= 1.3,
    });
  }
  const peak = (id: string) =>
    rows.find((r) => r.variant === id && r.n === largestN)?.peakBytes ?? null;
  const flash = peak('flash');
  const densePeak = peak('dense');
  const ratio = flash !== null && densePeak ? flash / densePeak : null;
  out.push({
    name: `flash peak tensor bytes / dense's at n = ${largestN}`,
    measured: ratio,
    bound: '≤ 1/8 (0.125)',
    pass: ratio !== null && ratio <= 1 / 8,
  });
  return out.filter((c) => c.measured !== null || rows.some((r) => c.name.startsWith(r.variant)));
}

const fmt = (x: number | null | undefined, digits = 2) =>
  x === null || x === undefined ? '—' : x.toFixed(digits);

/** The engine's benchmark: a sweep over n for every variant, the figures checked, JSON out. */
export async function benchCommand(argv: string[], stderr: (s: string) => void): Promise<number> {
  const v = parseFlags('bench', argv, {
    ...SWEEP_OPTIONS,
    strict: { type: 'boolean', default: false },
  });
  const config = sweepConfig(v, { ns: [256, 512, 1024, 2048, 4096], repeats: 5 });
  checkParams(config);
  const backend = cliBackend(str(v, 'backend'), 'wasm');
  const report = await startBackend(backend);
  const started = performance.now();
  const { rows, fits } = await runSweep(
    { ...config, limits: report.limits },
    { onProgress: (p) => stderr(`[${p.step}/${p.total}] ${p.variant} n=${p.n}`) },
  );
  const results = checks(rows, fits, Math.max(...config.ns));
  const doc = {
    what: 'Attention Explorer engine benchmark: median wall ms (read-back synced) per variant and n',
    config,
    rows,
    fits,
    checks: results,
    seconds: (performance.now() - started) / 1000,
    provenance: nodeProvenance(report),
  };
  const outPath = str(v, 'output') ?? `bench-results/bench-${backend}.json`;
  mkdirSync(dirname(outPath), { recursive: true });
  writeAtomic(outPath, `${JSON.stringify(doc, null, 2)}\n`);

  stderr(
    `\nbackend ${report.name} (${report.reason}); d=${config.d}, heads=${config.heads}, repeats=${config.repeats}`,
  );
  stderr(
    `${'variant'.padEnd(10)} ${config.ns.map((n) => `n=${n}`.padStart(10)).join(' ')}   exponent`,
  );
  for (const id of config.variants) {
    const cells = config.ns.map((n) => {
      const r = rows.find((x) => x.variant === id && x.n === n);
      return (r?.refused ? 'refused' : `${fmt(r?.msMedian, 1)}ms`).padStart(10);
    });
    stderr(
      `${id.padEnd(10)} ${cells.join(' ')}   ${fmt(fits.find((f) => f.variant === id)?.slope)}`,
    );
  }
  for (const c of results)
    stderr(`${c.pass ? 'PASS' : 'FAIL'} ${c.name}: ${fmt(c.measured, 3)} (${c.bound})`);
  stderr(`wrote ${outPath}`);
  return v.strict === true && results.some((c) => !c.pass) ? 1 : 0;
}
