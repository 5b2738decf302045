import { useEffect, useRef, useState } from 'react';
import { ERROR_AXIS_Y, TIME_AXIS_X } from '../../charts/axes';
import { type ChartSeries, LineChart } from '../../charts/LineChart';
import { variantColor, variantShape } from '../../charts/palette';
import { useToggles } from '../../charts/useToggles';
import type { InputKind } from '../../core/inputs';
import { messageOf } from '../../core/messageOf';
import { findSpec } from '../../core/variantSpecs';
import type { EngineJobHandle } from '../../session/engineJob';
import { runOnEngine } from '../../session/engineStore';
import { formatError, formatMs } from '../../shared/numberFormat';
import type { SweepJobConfig, SweepProgressInfo } from '../../worker/sweepProtocol';
import { dateOf, whereMade } from '../complexity';
import {
  FAILS_ERROR,
  GOOD_ERROR,
  parseTradeoffs,
  pointsOf,
  TRADEOFFS_URL,
  type TradeoffFile,
  type TradeoffPoint,
  verdicts,
} from './tradeoffs';

const label = (id: string) => findSpec(id)?.label ?? id;
/** "Linformer (low rank)" → "Linformer": the table fits a phone; the chart legend has the rest. */
const shortLabel = (id: string) => label(id).replace(/\s*\(.*\)$/, '');
const INPUT_WORDS: Record<string, string> = {
  banded: 'banded keys (each token attends to its neighbours)',
  clustered: 'clustered keys (each token attends to its cluster, wherever it sits)',
};

let shipped: Promise<TradeoffFile | string> | null = null;
/** The shipped file, fetched once per page and shared by both steps. */
function loadShipped(): Promise<TradeoffFile | string> {
  shipped ??= fetch(TRADEOFFS_URL)
    .then((r) => (r.ok ? r.json() : Promise.reject(new Error(`HTTP ${r.status}`))))
    .then(parseTradeoffs)
    .catch((err: unknown) => messageOf(err));
  return shipped;
}

type Shown =
  | { kind: 'loading' }
  | { kind: 'failed'; error: string }
  | { kind: 'shipped'; n: number; points: TradeoffPoint[]; where: string; command: string }
  | { kind: 'running'; done: number; total: number; at: string }
  | { kind: 'live'; n: number; points: TradeoffPoint[]; where: string };

/**
 * Error against time of every variant at one n, on one input, from the shipped run (shown at
 * once) or measured again here with Run live. Lines mark error 0.1 (good) and 1 (as wrong as
 * outputting zeros); the table says which variants beat dense and how far off they are.
 */
export function TradeoffFigure({ input }: { input: string }) {
  const [shown, setShown] = useState<Shown>({ kind: 'loading' });
  useEffect(() => {
    let live = true;
    loadShipped().then((file) => {
      if (!live) return;
      if (typeof file === 'string') return setShown({ kind: 'failed', error: file });
      const run = file.runs.find((r) => r.inputKind === input);
      if (!run) return setShown({ kind: 'failed', error: `the run has no ${input} input` });
      setShown({
        kind: 'shipped',
        n: run.n,
        points: run.points,
        where: `${whereMade(run.provenance)}, ${dateOf(run.provenance)}`,
        command: run.command,
      });
    });
    return () => {
      live = false;
    };
  }, [input]);

  // A live run belongs to this figure: leaving the step drops it.
  const job = useRef<EngineJobHandle | null>(null);
  useEffect(() => () => job.current?.drop(), []);
  const runLive = (n: number, variants: string[]) => {
    setShown({ kind: 'running', done: 0, total: variants.length, at: 'starting the engine' });
    const request: SweepJobConfig = {
      ...{ variants, ns: [n], d: 64, heads: 1, causal: false },
      ...{ inputKind: input as InputKind, seed: 1, repeats: 3 },
    };
    job.current?.drop();
    job.current = runOnEngine(
      (client, onProgress: (p: SweepProgressInfo) => void) => client.sweep(request, onProgress),
      {
        onProgress: (p) =>
          setShown({
            kind: 'running',
            done: p.step - (p.phase === 'start' ? 1 : 0),
            total: p.total,
            at: `${label(p.variant)} at n = ${p.n}`,
          }),
        onResult: (outcome) =>
          setShown({
            kind: 'live',
            ...pointsOf(outcome.rows),
            where: `${whereMade(outcome.provenance)}, just now`,
          }),
        onEnding: ({ error }) => setShown({ kind: 'failed', error: error ?? 'cancelled' }),
      },
    );
  };

  if (shown.kind === 'loading')
    return (
      <p className="loading" role="status">
        <span className="story-spinner" aria-hidden="true" /> Loading the measured run…
      </p>
    );
  if (shown.kind === 'failed')
    return (
      <p className="notice error" role="alert">
        The trade-off figure could not be shown: {shown.error}
      </p>
    );
  if (shown.kind === 'running')
    return (
      <p className="loading" role="status">
        <span className="story-spinner" aria-hidden="true" /> Measuring {shown.at} … {shown.done} of{' '}
        {shown.total} done
      </p>
    );
  return <TradeoffChart {...shown} input={input} onRun={runLive} />;
}

function TradeoffChart({
  n,
  points,
  where,
  input,
  onRun,
  command,
}: {
  n: number;
  points: TradeoffPoint[];
  where: string;
  input: string;
  onRun: (n: number, variants: string[]) => void;
  command?: string;
}) {
  const { hidden, toggle } = useToggles();
  const dense = points.find((p) => p.variant === 'dense');
  const rows = verdicts(points);
  const series: ChartSeries[] = rows.map((p) => ({
    id: p.variant,
    label: label(p.variant),
    color: variantColor(p.variant),
    shape: variantShape(p.variant),
    points: [{ n: p.ms, y: Math.max(p.error, 1e-4) }],
    markersOnly: true,
  }));
  return (
    <figure className="tradeoff" data-input={input}>
      <LineChart
        {...TIME_AXIS_X}
        {...ERROR_AXIS_Y}
        title={`Error against time at n = ${n}, ${INPUT_WORDS[input] ?? input}`}
        series={series}
        hidden={hidden}
        onToggle={toggle}
        logY
        hLines={[
          { y: 1, label: '1 = all zeros', labelSide: 'left' },
          { y: GOOD_ERROR, label: `error ${GOOD_ERROR}`, labelSide: 'left' },
        ]}
        vLines={dense ? [{ x: dense.ms, label: 'dense' }] : []}
        height={260}
      />
      <div className="tradeoff-scroll">
        <table className="tradeoff-table" aria-label={`Variants against dense on ${input} keys`}>
          <thead>
            <tr>
              <th scope="col">variant</th>
              <th scope="col">time</th>
              <th scope="col">vs dense</th>
              <th scope="col">error</th>
              <th scope="col">verdict</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr
                key={r.variant}
                data-variant={r.variant}
                data-error={r.error}
                data-ms={r.ms}
                data-speedup={r.speedup}
              >
                <th scope="row" title={label(r.variant)}>
                  {shortLabel(r.variant)}
                </th>
                <td>{formatMs(r.ms)}</td>
                <td>
                  {r.speedup >= 1
                    ? `${r.speedup.toFixed(1)}× faster`
                    : `${(1 / r.speedup).toFixed(1)}× slower`}
                </td>
                <td>{formatError(r.error)}</td>
                <td className={r.good ? 'verdict good' : r.useless ? 'verdict bad' : 'verdict'}>
                  {r.good
                    ? 'accurate'
                    : r.useless
                      ? r.error > 1
                        ? 'worse than zeros'
                        : 'useless'
                      : 'rough'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <figcaption className="chart-note">
        Relative error of the output against dense on the same inputs; 1 means as far off as
        outputting all zeros, above 1 is worse than that. “Accurate”: faster than dense with error
        below {GOOD_ERROR}; “useless”: above {FAILS_ERROR}. Dense
        {dense ? ` took ${formatMs(dense.ms)}` : ''}. Measured on {where} (d = 64, one head)
        {command ? (
          <>
            {' '}
            by <code>{command}</code>
          </>
        ) : null}
        .{' '}
        <button
          type="button"
          className="button small"
          onClick={() => onRun(n, ['dense', ...rows.map((r) => r.variant)])}
        >
          Run live on this device
        </button>
      </figcaption>
    </figure>
  );
}
