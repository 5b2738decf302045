import { useEffect, useMemo, useRef, useState } from 'react';
import { Heatmap } from '../../charts/Heatmap';
import { causalMask } from '../../charts/heatmapScale';
import { findSpec } from '../../core/variantSpecs';
import type { EngineJobHandle } from '../../session/engineJob';
import { runOnEngine } from '../../session/engineStore';
import { formatError } from '../../shared/numberFormat';
import type { AttentionMapOutcome } from '../../worker/mapProtocol';
import { useLabStore } from './labStore';
import { exactMap, headMap, mapError, mapInputs, mapNs } from './model/ownMaps';
import type { OwnInput } from './ownInputs';

const label = (id: string) => findSpec(id)?.label ?? id;

type MapRun =
  | { status: 'idle' }
  | { status: 'running' }
  | { status: 'failed'; error: string }
  | { status: 'done'; outcome: AttentionMapOutcome; causal: boolean; input: OwnInput };

/**
 * On the user's own Q and K: one head's attention weights, softmax's (float64, on this page)
 * beside a chosen variant's (the worker runs it with V = I), and their difference.
 */
export function OwnMapsPanel() {
  const own = useLabStore((s) => s.own.input);
  const config = useLabStore((s) => s.config);
  const ns = useMemo(() => mapNs(own?.inputs.q.n ?? 0), [own]);
  const [pick, setPick] = useState({ variant: '', head: 0, n: 64 });
  const [run, setRun] = useState<MapRun>({ status: 'idle' });
  const job = useRef<EngineJobHandle | null>(null);
  useEffect(() => () => job.current?.drop(), []);
  if (!own || ns.length === 0) return null;
  // Maps drawn from another file are not this one's.
  const shown = run.status === 'done' && run.input !== own ? { status: 'idle' as const } : run;
  const heads = Array.from({ length: own.inputs.q.heads }, (_, h) => h);

  const variants = config.variants;
  const variant = variants.includes(pick.variant)
    ? pick.variant
    : (variants.find((v) => v !== 'dense') ?? variants[0] ?? 'dense');
  const n = ns.includes(pick.n) ? pick.n : ns[ns.length - 1];
  const head = Math.min(pick.head, own.inputs.q.heads - 1);

  const draw = () => {
    job.current?.drop();
    setRun({ status: 'running' });
    const causal = config.causal;
    job.current = runOnEngine(
      (client) =>
        client.attentionMap({
          variant,
          params: config.params[variant],
          causal,
          seed: config.seed,
          ...mapInputs(own.inputs, n),
        }),
      {
        onResult: (outcome) => setRun({ status: 'done', outcome, causal, input: own }),
        onEnding: ({ error }) => setRun({ status: 'failed', error: error ?? 'cancelled' }),
      },
    );
  };

  return (
    <section className="panel" aria-labelledby="own-maps-heading" data-testid="own-maps">
      <h2 id="own-maps-heading">Attention maps, one head of your file at a time</h2>
      <p className="muted">
        One head of your file, its first n rows: the weights softmax puts on each key (float64, on
        this page) beside the weights a variant applies (run on this device with V = I, which makes
        its output its weights), and their difference.
      </p>
      <div className="lab-param-controls">
        <label className="lab-field">
          <span>variant</span>
          <select value={variant} onChange={(e) => setPick({ ...pick, variant: e.target.value })}>
            {variants.map((id) => (
              <option key={id} value={id}>
                {label(id)}
              </option>
            ))}
          </select>
        </label>
        <label className="lab-field">
          <span>head</span>
          <select value={head} onChange={(e) => setPick({ ...pick, head: Number(e.target.value) })}>
            {heads.map((h) => (
              <option key={h} value={h}>
                {h + 1}
              </option>
            ))}
          </select>
        </label>
        <label className="lab-field">
          <span>rows n</span>
          <select value={n} onChange={(e) => setPick({ ...pick, n: Number(e.target.value) })}>
            {ns.map((x) => (
              <option key={x} value={x}>
                {x}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="button" onClick={draw} disabled={run.status === 'running'}>
          Draw maps
        </button>
      </div>
      {shown.status === 'running' ? (
        <p role="status">Running {label(variant)} with V = I…</p>
      ) : shown.status === 'failed' ? (
        <p className="notice warn" role="alert">
          The maps could not be drawn: {shown.error}
        </p>
      ) : shown.status === 'done' ? (
        <OwnMaps own={own.inputs} outcome={shown.outcome} causal={shown.causal} head={head} />
      ) : (
        <p className="muted">Pick a variant, a head and n, then Draw maps.</p>
      )}
    </section>
  );
}

function OwnMaps(props: {
  own: Parameters<typeof mapInputs>[0];
  outcome: AttentionMapOutcome;
  causal: boolean;
  head: number;
}) {
  const { outcome, causal } = props;
  const { n } = outcome;
  const head = Math.min(props.head, outcome.heads - 1);
  const exact = useMemo(
    () => exactMap(mapInputs(props.own, n), head, causal),
    [props.own, n, head, causal],
  );
  const used = headMap(outcome.weights, head, n);
  const diff = useMemo(() => used.map((x, i) => x - exact[i]), [used, exact]);
  const hi = Math.max(...exact, ...used);
  const lo = Math.min(0, ...used);
  const common = {
    rows: n,
    cols: n,
    rowTitle: 'query',
    colTitle: 'key',
    maxCell: 6,
    ...(causal ? { masked: causalMask, maskedLabel: 'masked: a query cannot see later keys' } : {}),
  };
  const name = label(outcome.variant);
  return (
    <div data-testid="own-maps-drawn">
      <p data-testid="own-maps-error">
        Head {head + 1}, n = {n}: the relative error of {name}’s weights against softmax’s
        (Frobenius) is <strong>{formatError(mapError(exact, used))}</strong>.
      </p>
      <div className="own-maps-grid">
        <Heatmap
          {...common}
          title="Softmax (float64)"
          values={exact}
          scale="sequential"
          domain={[lo, hi]}
          valueLabel="weight"
        />
        <Heatmap
          {...common}
          title={name}
          values={used}
          scale="sequential"
          domain={[lo, hi]}
          valueLabel="weight"
        />
        <Heatmap
          {...common}
          title={`${name} − softmax`}
          values={diff}
          scale="diverging"
          valueLabel="difference"
        />
      </div>
    </div>
  );
}
