import type { ImportEdge } from './importGraph';

/**
 * The dependency rules of `src/` (docs/architecture.md describes them): which layer may import
 * which. A rule names the files it governs and what they may import; `violations` lists every
 * edge that breaks one. Tests (`*.test.ts`) and test helpers are held only to the tfjs and
 * circle rules: they may reach across layers to check them.
 */

export interface ImportRule {
  name: string;
  /** Files the rule governs (paths relative to src/). */
  from: RegExp;
  /** Imports those files may not make. */
  forbidden: RegExp;
  /** Type-only imports (erased at build) pass. */
  typesPass?: boolean;
  /** Imports within one screen's folder (`features/<screen>/`) pass. */
  sameScreenPasses?: boolean;
}

const screenOf = (f: string) => /^features\/([^/]+)\//.exec(f)?.[1] ?? null;

const isTestFile = (f: string) => /\.test\.tsx?$|(^|\/)testing\//.test(f);

/** Everything the page (main.tsx and what it loads) is made of, i.e. not engine, worker, cli. */
const PAGE = /^(main\.tsx|app\/|session\/|features\/|charts\/|shared\/)/;

export const IMPORT_RULES: readonly ImportRule[] = [
  {
    name: 'core is pure: it imports only core, valibot and fflate (no tfjs, React or DOM packages)',
    from: /^core\//,
    forbidden: /^(?!core\/|npm:(valibot|fflate)$)/,
  },
  {
    name: 'engine imports core and tfjs, never the worker, the screens or the CLI',
    from: /^engine\//,
    forbidden:
      /^(worker|app|session|features|charts|shared|cli)\/|^npm:(react|react-dom|zustand|d3)/,
  },
  {
    name: 'worker imports core and engine, never the screens or the CLI',
    from: /^worker\//,
    forbidden: /^(app|session|features|charts|shared|cli)\/|^npm:(react|react-dom|zustand|d3)/,
  },
  {
    name: "the worker's protocols and client are tfjs-free: engine types only, no engine values",
    from: /^worker\/(protocol|\w+Protocol|jobTable|engineClient)\.ts$/,
    forbidden: /^npm:@tensorflow\/|^engine\/(?!results\.ts$)/,
    typesPass: true,
  },
  {
    name: 'charts sit below the screens: core and shared only',
    from: /^charts\//,
    forbidden: /^(app|session|features|engine|worker|cli)\//,
  },
  {
    name: 'shared sits below the screens and charts: core only',
    from: /^shared\//,
    forbidden: /^(app|session|features|charts|engine|worker|cli)\//,
  },
  {
    name: 'the page value-imports from the engine only its tfjs-free face, engine/results',
    from: PAGE,
    forbidden: /^engine\/(?!results\.ts$)/,
    typesPass: true,
  },
  {
    name: 'the page never imports tfjs',
    from: PAGE,
    forbidden: /^npm:@tensorflow\//,
  },
  {
    name: 'the CLI is headless: of the screens only their pure model/, no React, zustand or views',
    from: /^cli\//,
    forbidden:
      /^(app|session)\/|^features\/(?![^/]+\/model\/)|\.tsx$|^npm:(react|react-dom|zustand)$/,
  },
  {
    name: "a screen's model/ is pure: no views, stores, React, zustand or d3, only other model/ folders",
    from: /^features\/[^/]+\/model\//,
    forbidden:
      /\.tsx$|^npm:(react|react-dom|zustand|d3)$|^(app|session|charts)\/|^features\/[^/]+\/(?!model\/)/,
  },
  {
    name: 'the app shell is on top: nothing but main.tsx imports app/',
    from: /^(?!main\.tsx$|app\/)/,
    forbidden: /^app\//,
  },
  {
    name: 'the engine session sits below the screens: core, worker client, shared, charts only',
    from: /^session\//,
    forbidden: /^(app|features|cli)\//,
  },
  {
    name: 'screens reach another screen only through its index.ts (or its pure model/)',
    from: /^features\//,
    forbidden: /^features\/[^/]+\/(?!index\.ts$|model\/)/,
    sameScreenPasses: true,
  },
  {
    // The stores load with the page (they read their URL keys at start); the views load lazily.
    name: 'the shell reaches a screen through its index.ts, its model/ or its store',
    from: /^app\//,
    forbidden: /^features\/[^/]+\/(?!index\.ts$|model\/|[a-z]+Store\.ts$)/,
  },
  {
    name: "the peer page (the bench's side-by-side with ONNX Runtime Web) imports core and engine only",
    from: /^peer\//,
    forbidden:
      /^(app|session|features|charts|shared|worker|cli)\/|^npm:(react|react-dom|zustand|d3)$/,
  },
  {
    name: 'only the CLI (which builds and serves it) reaches the peer page',
    from: /^(?!peer\/|cli\/)/,
    forbidden: /^peer\//,
  },
  {
    name: "ONNX Runtime and its protobuf are the peer's alone: the app's bundle never holds them",
    from: /^(?!peer\/)/,
    forbidden: /^npm:(onnxruntime-web|protobufjs)/,
  },
  {
    name: 'screens never import the CLI',
    from: /^features\//,
    forbidden: /^cli\//,
  },
];

export function violations(
  edges: readonly ImportEdge[],
  rules: readonly ImportRule[] = IMPORT_RULES,
): string[] {
  const out: string[] = [];
  for (const e of edges) {
    if (isTestFile(e.from)) continue;
    for (const r of rules) {
      if (!r.from.test(e.from) || !r.forbidden.test(e.to)) continue;
      if (r.typesPass && e.typeOnly) continue;
      if (r.sameScreenPasses && screenOf(e.from) !== null && screenOf(e.from) === screenOf(e.to))
        continue;
      out.push(`${e.from} → ${e.to}: ${r.name}`);
    }
  }
  return out;
}

/**
 * Files whose value imports reach tfjs, starting from `entries` (the page's entry): each with
 * one chain that shows how. The worker is started by URL (`new URL(…, import.meta.url)`), not
 * imported, so it is not reached from the page.
 */
export function tfjsReachedFrom(
  edges: readonly ImportEdge[],
  entries: readonly string[],
): string[] {
  const next = new Map<string, string[]>();
  for (const e of edges) {
    if (e.typeOnly || isTestFile(e.from)) continue;
    next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
  }
  const via = new Map<string, string>();
  const queue = [...entries];
  for (const f of entries) via.set(f, '');
  const found: string[] = [];
  while (queue.length > 0) {
    const f = queue.shift() as string;
    for (const t of next.get(f) ?? []) {
      if (t.startsWith('npm:@tensorflow/')) {
        const chain = [f];
        for (let at = via.get(f); at; at = via.get(at)) chain.unshift(at);
        found.push(`${chain.join(' → ')} → ${t}`);
      } else if (!via.has(t) && !t.startsWith('npm:')) {
        via.set(t, f);
        queue.push(t);
      }
    }
  }
  return found;
}
