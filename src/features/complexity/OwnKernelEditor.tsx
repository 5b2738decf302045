import { useEffect, useRef, useState } from 'react';
import { EXACT_TOLERANCE, KERNEL_STARTS, type KernelMessage } from '../../core/userKernel/template';
import type { EngineJobHandle } from '../../session/engineJob';
import { runOnEngine, useEngineStore } from '../../session/engineStore';
import { formatDiff, formatMs, formatTolerance } from '../../shared/numberFormat';
import type { UserKernelOutcome } from '../../worker/kernelProtocol';
import { KERNEL_TIME_LIMIT_S } from './kernelTimeLimit';
import { useLabStore } from './labStore';
import { OwnKernelSweepForm, type PassedCheck } from './OwnKernelSweepForm';

const CHECK_NS = [64, 128, 256, 512] as const;
type Start = keyof typeof KERNEL_STARTS;
/** What each starting point costs per head: dense reads every key, the window 17 of them. */
const START_COSTS: Record<Start, string> = { dense: 'O(n^2 d)', window: 'O(17 n d)' };

type Check =
  | { status: 'idle' }
  | { status: 'running' }
  | { status: 'done'; outcome: UserKernelOutcome; n: number; body: string }
  | { status: 'failed'; error: string };

/**
 * The body of "Your own kernel (WGSL)" (loaded when the section is first opened): the body of
 * attendRow written into the app's template, compiled on this device (errors at their line),
 * run on generated Q, K, V with the lab's d, heads, causal flag and seed, and checked against
 * float64 dense attention. A check that runs past the time limit stops the engine, which
 * restarts.
 */
export function OwnKernelEditor() {
  const config = useLabStore((s) => s.config);
  const inLab = useLabStore((s) => s.kernel);
  const backend = useEngineStore((s) => s.engine.report?.name ?? null);
  const [body, setBody] = useState<string>(inLab?.kernel.body ?? KERNEL_STARTS.dense);
  const [start, setStart] = useState<Start>('dense');
  // A kernel that arrives in a link is shown here, as it is, before anything runs it.
  const linked = inLab?.from === 'link' ? inLab.kernel : null;
  useEffect(() => {
    if (linked) setBody(linked.body);
  }, [linked]);
  const [n, setN] = useState<number>(256);
  const [check, setCheck] = useState<Check>({ status: 'idle' });
  const editor = useRef<HTMLTextAreaElement>(null);
  const job = useRef<EngineJobHandle | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(
    () => () => {
      job.current?.drop();
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  const stopTimer = () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
  };

  const run = () => {
    job.current?.drop();
    stopTimer();
    let late = false;
    setCheck({ status: 'running' });
    const { d, heads, causal, seed } = config;
    const handle = runOnEngine(
      (client) => client.userKernel({ body, n, d, heads, causal, seed, repeats: 3 }),
      {
        onResult: (outcome) => {
          stopTimer();
          setCheck({ status: 'done', outcome, n, body });
        },
        onEnding: ({ error }) => {
          stopTimer();
          setCheck({
            status: 'failed',
            error: late
              ? `it ran past the time limit of ${KERNEL_TIME_LIMIT_S} s, so the engine was stopped and restarted`
              : (error ?? 'cancelled'),
          });
        },
      },
    );
    job.current = handle;
    timer.current = setTimeout(() => {
      late = true;
      handle.cancel();
    }, KERNEL_TIME_LIMIT_S * 1000);
  };

  /** Put the cursor on a line of the body (from an error). */
  const goTo = (line: number) => {
    const area = editor.current;
    if (!area) return;
    const lines = area.value.split('\n');
    const start = lines.slice(0, line - 1).reduce((sum, l) => sum + l.length + 1, 0);
    area.focus();
    area.setSelectionRange(start, start + (lines[line - 1]?.length ?? 0));
  };

  const lineCount = body.split('\n').length;
  return (
    <>
      <p className="muted">
        Write the body of <code>attendRow(h, i)</code>: it computes output row i of head h. It may
        read <code>shape.n</code>, <code>shape.d</code>, <code>shape.dv</code>,{' '}
        <code>shape.scale</code> (1/√d), <code>shape.causal</code>, <code>q(h, i, t)</code>,{' '}
        <code>k(h, j, t)</code>, <code>v(h, j, t)</code>, and writes <code>setOut(h, i, t, x)</code>{' '}
        for t &lt; dv. The template owns the bindings, the dispatch and the output. The GPU driver
        compiles it; nothing runs until it compiles.
      </p>
      {backend !== null && backend !== 'webgpu' ? (
        <p className="notice warn">
          Your own kernel runs on WebGPU only; this engine runs on {backend}.
        </p>
      ) : null}
      <div className="lab-param-controls">
        <label className="lab-field">
          <span>start from</span>
          <select
            defaultValue=""
            onChange={(e) => {
              const start = e.target.value as Start;
              if (start in KERNEL_STARTS) {
                setBody(KERNEL_STARTS[start]);
                setStart(start);
              }
              e.target.value = '';
            }}
          >
            <option value="" disabled>
              a starting point…
            </option>
            <option value="dense">dense (exact, online softmax)</option>
            <option value="window">sliding window</option>
          </select>
        </label>
        <label className="lab-field">
          <span>check at n</span>
          <select value={n} onChange={(e) => setN(Number(e.target.value))}>
            {CHECK_NS.map((x) => (
              <option key={x} value={x}>
                {x}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="button"
          onClick={run}
          disabled={check.status === 'running'}
        >
          Compile and check
        </button>
      </div>
      <div className="own-kernel-editor">
        <pre className="own-kernel-lines" aria-hidden="true">
          {Array.from({ length: lineCount }, (_, i) => `${i + 1}\n`).join('')}
        </pre>
        <textarea
          ref={editor}
          aria-label="kernel body (WGSL)"
          value={body}
          spellCheck={false}
          rows={Math.min(24, Math.max(8, lineCount))}
          onChange={(e) => setBody(e.target.value)}
        />
      </div>
      <KernelCheckText check={check} config={config} onLine={goTo} />
      <OwnKernelSweepForm
        // A kernel from a link fills the form with its own name and cost.
        key={linked ? `${linked.name}:${linked.cost}` : 'editor'}
        body={body}
        check={passedCheck(check, body)}
        defaultCost={START_COSTS[start]}
      />
    </>
  );
}

/** The check's findings when it ran the text now in the editor and the kernel compiled. */
function passedCheck(check: Check, body: string): PassedCheck | null {
  if (check.status !== 'done' || check.body !== body || !check.outcome.compiled) return null;
  const { maxAbsError, exact } = check.outcome;
  return { n: check.n, maxAbsError, exact };
}

function KernelCheckText(props: {
  check: Check;
  config: { d: number; heads: number; causal: boolean };
  onLine: (line: number) => void;
}) {
  const { check, config } = props;
  if (check.status === 'idle') return null;
  if (check.status === 'running') return <p role="status">Compiling and running…</p>;
  if (check.status === 'failed') {
    return (
      <p className="notice warn" role="alert" data-testid="own-kernel-result">
        The check did not finish: {check.error}.
      </p>
    );
  }
  const o = check.outcome;
  if (!o.compiled) return <CompileErrors errors={o.errors} onLine={props.onLine} />;
  const shape = `n = ${check.n}, d = ${config.d}, ${config.heads} head${config.heads === 1 ? '' : 's'}${config.causal ? ', causal' : ''}`;
  return (
    <p data-testid="own-kernel-result" data-exact={o.exact} data-error={o.maxAbsError}>
      Compiled and ran at {shape}: max abs error against float64 dense attention{' '}
      <strong>{formatDiff(o.maxAbsError)}</strong>,{' '}
      {o.exact
        ? `exact (within ${formatTolerance(EXACT_TOLERANCE)})`
        : `approximate (above ${formatTolerance(EXACT_TOLERANCE)})`}
      ; median {formatMs(o.msMedian)} over {o.msAll.length} calls.
    </p>
  );
}

function CompileErrors(props: { errors: KernelMessage[]; onLine: (line: number) => void }) {
  return (
    <div className="notice warn" role="alert" data-testid="own-kernel-errors">
      <p>It does not compile:</p>
      <ul>
        {props.errors.map((e) => (
          <li key={`${e.line}:${e.column}:${e.message}`}>
            {e.line > 0 ? (
              <button type="button" className="link-button" onClick={() => props.onLine(e.line)}>
                line {e.line}, column {e.column}
              </button>
            ) : (
              'the template'
            )}
            : {e.message}
          </li>
        ))}
      </ul>
    </div>
  );
}
