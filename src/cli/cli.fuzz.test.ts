import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { FUZZ_SEED, fuzzRuns } from '../testing/fuzzRuns';
import { PROJECT_ROOT } from './distFolder';
import { run, scratchDir } from './testing';

/**
 * Every subcommand's arguments, valid and hostile, through main() in this process. The work a
 * command does after its checks (starting a backend, a browser) is replaced by a marker error,
 * so a case costs only parsing and planning: a hostile value must be refused (exit 2, one line
 * starting "error:") before that point. Every case: exit 0 or 2, exactly one stderr line on 2,
 * nothing written outside the scratch folder, no case slower than a bound.
 */

const REACHED = 'reached the work';
vi.mock('./backendSetup', async (load) => ({
  ...(await load<typeof import('./backendSetup')>()),
  startBackend: async () => {
    throw new Error(REACHED);
  },
}));
vi.mock('./browserBench', async (load) => ({
  ...(await load<typeof import('./browserBench')>()),
  runInBrowser: async () => {
    throw new Error(REACHED);
  },
}));
vi.mock('./precomputeRun', async (load) => ({
  ...(await load<typeof import('./precomputeRun')>()),
  runPrecompute: async () => {
    throw new Error(REACHED);
  },
}));

let dir = '';
const files: Record<string, string> = {};
/** The repository's own folders, listed before and after (no case may touch them). */
const watched = ['src', 'public', 'e2e'];
const snapshot = () =>
  watched.flatMap((w) =>
    readdirSync(join(PROJECT_ROOT, w), { recursive: true }).map((f) => `${w}/${String(f)}`),
  );
let before: string[] = [];

const rows = (n: number, w: number) =>
  Array.from({ length: n }, (_, i) => Array.from({ length: w }, (_, j) => Math.sin(i + j)));

beforeAll(() => {
  before = snapshot();
  dir = scratchDir();
  const write = (name: string, text: string) => {
    files[name] = join(dir, name);
    writeFileSync(files[name], text);
  };
  write('good.json', JSON.stringify({ q: rows(4, 2), k: rows(4, 2), v: rows(4, 2) }));
  write('deep.json', `${'['.repeat(100_000)}${']'.repeat(100_000)}`);
  const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
  // A deep value where a number should be: quoting it in an error message must not recurse.
  write('deepRow.json', `{"q": [[[1, ${deep}]]], "k": [[[1, 1]]], "v": [[[1, 1]]]}`);
  write('deepObj.json', `${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}`);
  write('notjson.json', '{"q": [1, 2');
  write('wide.json', JSON.stringify({ q: rows(2, 300), k: rows(2, 300), v: rows(2, 300) }));
  mkdirSync(join(dir, 'folder'));
  files.folder = join(dir, 'folder');
  files.fifo = join(dir, 'fifo');
  execFileSync('mkfifo', [files.fifo]);
  mkdirSync(join(dir, 'out'));
});

afterAll(() => {
  expect(snapshot()).toEqual(before);
});

const out = (name: string) => join(dir, 'out', name);

/** Output paths: a fresh file in the scratch folder, or one that cannot be written. */
const HOSTILE_OUTPUTS = () => [
  '',
  `${join(dir, 'out')}/`,
  out('x'.repeat(300)),
  '/proc/x',
  out('no/such/folder.json'),
  files.folder,
  '/dev/null',
];

const HOSTILE_INTS = [
  '1073741824',
  '2^40',
  '1e8',
  '100000000',
  '99999999999',
  '-5',
  'NaN',
  '0x10',
  '1.5',
  '',
  ' ',
  '99999999999999999999999',
  'Infinity',
];

interface FlagSpec {
  valid: fc.Arbitrary<string>;
  hostile: fc.Arbitrary<string>;
}
const int = (lo: number, hi: number) => fc.integer({ min: lo, max: hi }).map(String);
const intFlag = (lo: number, hi: number, extra: string[] = []): FlagSpec => ({
  valid: int(lo, hi),
  hostile: fc.constantFrom(
    ...[...HOSTILE_INTS, String(hi + 1), String(lo - 1), ...extra].filter(
      (t) => !(/^\d+$/.test(t) && Number(t) >= lo && Number(t) <= hi),
    ),
  ),
});
const choice = (valid: string[], hostile: string[]): FlagSpec => ({
  valid: fc.constantFrom(...valid),
  hostile: fc.constantFrom(...hostile),
});
const outputFlag = (): FlagSpec => ({
  valid: fc.integer({ min: 0, max: 1e6 }).map((i) => out(`r${i}.json`)),
  hostile: fc.constantFrom(...HOSTILE_OUTPUTS()),
});
const PROTO = ['__proto__', 'constructor', 'toString', 'hasOwnProperty'];

/** Each subcommand: its flags (valid values, hostile values), boolean flags, fixed words. */
interface CommandSpec {
  words: string[];
  flags: Record<string, FlagSpec>;
  switches: string[];
  required?: string[];
}

const sweepFlags = (): Record<string, FlagSpec> => ({
  variants: choice(
    ['dense', 'dense,linear', 'flash,window', 'linear'],
    [',', 'dense,,linear', 'nope', ...PROTO, 'dense,dense'],
  ),
  n: {
    valid: fc.constantFrom('16', '32,64', '16,32,64'),
    hostile: fc.constantFrom(...HOSTILE_INTS, '16,', ',', '32768', '8,16', '16,16'),
  },
  d: intFlag(1, 256, ['100000']),
  heads: intFlag(1, 16, ['100000000']),
  repeats: intFlag(1, 50),
  warmup: intFlag(1, 10),
  seed: intFlag(0, 2 ** 32 - 1),
  'input-kind': choice(['gaussian', 'banded'], ['spiky', ...PROTO]),
  param: choice(
    ['window.w=8', 'flash.block=16'],
    ['__proto__=1', 'dense.__proto__=1', 'window.constructor=2', 'window.w=NaN', 'w', '=3'],
  ),
  backend: choice(['cpu', 'wasm'], ['gpu', ...PROTO]),
  output: outputFlag(),
});

const COMMANDS = (): Record<string, CommandSpec> => ({
  sweep: {
    words: ['sweep'],
    flags: { ...sweepFlags(), format: choice(['json', 'csv'], ['xml', '__proto__']) },
    switches: ['causal'],
  },
  bench: {
    words: ['bench'],
    flags: (({ variants, n, repeats, warmup, backend, output }) => ({
      variants,
      n,
      repeats,
      warmup,
      backend,
      output,
    }))(sweepFlags()),
    switches: ['strict'],
    required: ['output'],
  },
  benchBrowser: {
    words: ['bench', '--browser'],
    flags: {
      ...(({ variants, d, heads, repeats, seed, output }) => ({
        variants,
        d,
        heads,
        repeats,
        seed,
        output,
      }))(sweepFlags()),
      n: choice(['64', '64,128'], ['100', '32768', '1073741824', '2^40']),
      backend: choice(['webgpu', 'wasm'], ['gpu', '__proto__']),
      timeout: intFlag(1, 86_400),
      port: intFlag(1, 65_535),
      dist: choice(
        ['dist-fuzz-never-made'],
        ['src', 'public', 'e2e', 'node_modules', '.', './', '', '..', '/tmp', 'src/x', 'docs'],
      ),
    },
    switches: ['strict', 'causal'],
    required: ['output'],
  },
  attention: {
    words: ['attention'],
    flags: {
      variant: choice(['dense', 'linear', 'window'], ['nope', ...PROTO]),
      input: {
        valid: fc.constant('good.json').map((f) => files[f]),
        hostile: fc
          .constantFrom(
            'deep.json',
            'deepRow.json',
            'deepObj.json',
            'notjson.json',
            'wide.json',
            'folder',
            'fifo',
          )
          .map((f) => files[f])
          .chain((f) => fc.constantFrom(f, '/dev/zero', '/dev/null', '/proc/self/mem', '')),
      },
      param: choice(['w=2'], ['__proto__=1', 'constructor=1', 'w=1e999', 'w=abc']),
      seed: intFlag(0, 2 ** 32 - 1),
      repeats: intFlag(1, 50),
      backend: choice(['cpu'], ['gpu']),
      output: outputFlag(),
    },
    switches: ['causal'],
    required: ['variant', 'input'],
  },
  layers: {
    words: ['layers'],
    flags: {
      model: choice(['pre', 'mod'], ['nope', '../x', ...PROTO, 'PRE']),
      text: choice(['CAFE|CAFE', 'AB|AB'], ['CAZE', '', 'A'.repeat(40), '<script>']),
      variant: choice(['dense', 'linear'], ['nope']),
      param: choice(['w=2'], ['__proto__=1', 'constructor=1']),
      seed: intFlag(0, 2 ** 32 - 1),
      accuracy: intFlag(0, 4096, ['99999999999']),
      backend: choice(['cpu', 'wasm'], ['gpu']),
    },
    switches: [],
    required: ['model', 'text'],
  },
  train: {
    words: ['train'],
    flags: {
      only: choice(['pre', 'pre,post'], [',', 'pre,,post', 'nope', 'pre,pre', ...PROTO]),
      steps: intFlag(1, 20_000, ['999999999']),
      seed: intFlag(0, 2 ** 32 - 1),
      'stop-at': choice(['0.5', '1'], ['abc', '0', '2', '-1', 'NaN', 'Infinity']),
      backend: choice(['cpu'], ['gpu']),
      out: {
        valid: fc.constant(out('models')),
        hostile: fc.constantFrom('', '/proc/x/y', `/${'y'.repeat(300)}/m`),
      },
    },
    switches: [],
    required: ['out'],
  },
  hardnessMod: {
    words: ['hardness', 'mod'],
    flags: {
      capacity: choice(['0.5', '0.5,0.25'], [',', '0.5,,', 'abc', '5', '-1']),
      s: choice(['16,32'], ['1073741824', ',', '2^40']),
      d: intFlag(1, 256),
      repeats: intFlag(1, 20),
      seed: intFlag(0, 2 ** 32 - 1),
      backend: choice(['wasm'], ['gpu']),
      out: outputFlag(),
    },
    switches: [],
  },
  hardnessLab: {
    words: ['hardness', 'bounded'],
    flags: {
      set: choice(
        ['h.be.pm=32', 'h.be.c=2&h.be.n=128'],
        ['h.nope=1', '__proto__=1', 'h.__proto__=1', 'constructor=1', 'h.be.c=2&h.be.c=3', 'x=1'],
      ),
      backend: choice(['wasm'], ['gpu']),
      out: outputFlag(),
    },
    switches: [],
  },
});

/** Hostile changes that are not a single flag's value. */
const GENERIC = ['unknown flag', 'duplicate flag', 'stray argument', 'long argument', 'synonyms'];

interface Case {
  command: string;
  argv: string[];
  /** What makes this case invalid, or null for a case built from valid values only. */
  hostile: string | null;
}

function caseFor(name: string, spec: CommandSpec): fc.Arbitrary<Case> {
  const flagNames = Object.keys(spec.flags);
  const optional = flagNames.filter((f) => !spec.required?.includes(f));
  return fc
    .record({
      chosen: fc.subarray(optional),
      values: fc.record(Object.fromEntries(flagNames.map((f) => [f, spec.flags[f].valid]))),
      switches: fc.subarray(spec.switches),
      hostileFlag: fc.option(fc.constantFrom(...flagNames), { nil: undefined, freq: 2 }),
      hostileValues: fc.record(
        Object.fromEntries(flagNames.map((f) => [f, spec.flags[f].hostile])),
      ),
      generic: fc.option(fc.constantFrom(...GENERIC), { nil: undefined, freq: 2 }),
      unknown: fc.constantFrom(...PROTO, 'nope', 'N', 'output-file', 'no-causal'),
      shuffle: fc.boolean(),
    })
    .map((r) => {
      const used = [...(spec.required ?? []), ...r.chosen];
      if (r.hostileFlag !== undefined && !used.includes(r.hostileFlag)) used.push(r.hostileFlag);
      const argv: string[] = [];
      let hostile: string | null = null;
      for (const f of used) {
        let value = (r.values as Record<string, string>)[f];
        if (r.hostileFlag === f) {
          value = (r.hostileValues as Record<string, string>)[f];
          hostile = `--${f} ${JSON.stringify(value).slice(0, 40)}`;
        }
        argv.push(r.shuffle ? `--${f}=${value}` : `--${f}`, ...(r.shuffle ? [] : [value]));
      }
      for (const s of r.switches) argv.push(`--${s}`);
      if (!hostile && r.generic) {
        hostile = r.generic;
        if (r.generic === 'unknown flag') argv.push(`--${r.unknown}`, '1');
        if (r.generic === 'stray argument') argv.push('stray');
        if (r.generic === 'long argument') argv.push(`--${used[0] ?? 'x'}=${'9'.repeat(5000)}`);
        if (r.generic === 'duplicate flag') {
          const f = used.find((u) => u !== 'param');
          if (f !== undefined) argv.push(`--${f}=${(r.values as Record<string, string>)[f]}`);
          else argv.push(r.switches.length > 0 ? `--${r.switches[0]}` : '--__proto__');
        }
        if (r.generic === 'synonyms') {
          if (spec.flags.out) argv.push('--out', out('a.json'), '--output', out('b.json'));
          else argv.push('--output', out('a.json'), '--output', out('b.json'));
        }
      }
      return { command: name, argv: [...spec.words, ...argv], hostile };
    });
}

/** Tallies for docs/fuzz.md: cases tried and outcomes, by command and by kind of hostility. */
const tally = new Map<string, { tried: number; refused: number; reached: number }>();
const count = (key: string, outcome: 'refused' | 'reached') => {
  const t = tally.get(key) ?? { tried: 0, refused: 0, reached: 0 };
  t.tried++;
  t[outcome]++;
  tally.set(key, t);
};

/** The failures a stress run found, tried first on every run (fast-check's examples). */
function knownFailures(): Case[] {
  const o = out('known.json');
  const models = out('models');
  const cases: [string, string[]][] = [
    ['sweep', ['sweep', '--n', '1073741824', '--d', '1', '--output', o]],
    ['sweep', ['sweep', '--n', '2^40', '--output', o]],
    ['sweep', ['sweep', '--d', '100000', '--output', o]],
    ['sweep', ['sweep', '--heads', '1e8', '--output', o]],
    ['sweep', ['sweep', '--repeats', '1e8', '--output', o]],
    ['sweep', ['sweep', '--repeats', '100000000', '--output', o]],
    ['sweep', ['sweep', '--n', '64', '--n', '128']],
    ['sweep', ['sweep', '--param', 'dense.__proto__=1']],
    ['layers', ['layers', '--model', 'pre', '--text', 'CAFE|CAFE', '--accuracy', '99999999999']],
    ['layers', ['layers', '--model', 'pre', '--text', 'CAFE|CAFE', '--accuracy', '100000000']],
    ['layers', ['layers', '--model', 'pre', '--text', 'CAFE|CAFE', '--param', '__proto__=1']],
    ['train', ['train', '--out', models, '--steps', '999999999']],
    ['train', ['train', '--out', models, '--stop-at', 'abc']],
    ['train', ['train', '--out', models, '--only', ',']],
    ['hardnessLab', ['hardness', 'bounded', '--set', 'h.nope=1']],
    ['hardnessLab', ['hardness', 'bounded', '--set', 'nope=1']],
    ['hardnessLab', ['hardness', 'bounded', '--out', o, '--output', out('other.json')]],
    ...['/dev/zero', files.fifo, files.folder, files['deep.json'], files['deepRow.json']].map(
      (input): [string, string[]] => [
        'attention',
        ['attention', '--variant', 'dense', '--input', input, '--output', o],
      ],
    ),
    ...[`${join(dir, 'out')}/`, '', out('x'.repeat(300)), '/proc/x'].map(
      (output): [string, string[]] => [
        'attention',
        ['attention', '--variant', 'dense', '--input', files['good.json'], '--output', output],
      ],
    ),
    ...['src', 'public', 'e2e', 'node_modules'].map((dist): [string, string[]] => [
      'benchBrowser',
      ['bench', '--browser', '--output', o, '--dist', dist],
    ]),
  ];
  return cases.map(([command, argv]) => ({ command, argv, hostile: 'known failure' }));
}

describe('the command line under fuzzed arguments', () => {
  it('exits 0 or 2 with one line, refuses every hostile value before any work, writes nothing', async () => {
    const specs = COMMANDS();
    const anyCase = fc.oneof(...Object.entries(specs).map(([name, spec]) => caseFor(name, spec)));
    await fc.assert(
      fc.asyncProperty(anyCase, async (c) => {
        const started = performance.now();
        const r = await run(c.argv);
        const ms = performance.now() - started;
        expect([0, 2]).toContain(r.code);
        expect(ms).toBeLessThan(5000);
        if (r.code === 2) {
          expect(r.stderr).toHaveLength(1);
          expect(r.stderr[0]).not.toMatch(/[\n\r\u2028\u2029]/);
          expect(r.stdout).toBe('');
        }
        const reached = r.stderr[0]?.includes(REACHED) ?? false;
        if (/deep(Row|Obj)?\.json/.test(c.argv.join(' ')) && c.hostile !== null) {
          expect(r.stderr[0]).toMatch(/nested deeper than 64/);
        }
        if (c.hostile !== null) {
          // Refused as bad input, before any backend or browser starts.
          expect(r.code, `${c.argv.join(' ')}`).toBe(2);
          expect(r.stderr[0], `${c.argv.join(' ')}`).toMatch(/^error: /);
        } else if (r.code === 2 && !reached) {
          expect(r.stderr[0], c.argv.join(' ')).toMatch(/^error: /);
        }
        expect(readdirSync(join(dir, 'out')).filter((f) => f !== 'models')).toEqual([]);
        count(`command ${c.command}`, reached ? 'reached' : 'refused');
        count(
          c.hostile === null ? 'valid values' : `hostile: ${c.hostile.split(' ')[0]}`,
          reached ? 'reached' : 'refused',
        );
      }),
      {
        numRuns: fuzzRuns(300, 1000),
        seed: FUZZ_SEED,
        endOnFailure: true,
        examples: knownFailures().map((c) => [c]),
      },
    );
    if (process.env.FUZZ_REPORT) {
      const lines = [...tally.entries()]
        .sort()
        .map(([k, t]) => `| ${k} | ${t.tried} | ${t.refused} | ${t.reached} |`);
      writeFileSync(process.env.FUZZ_REPORT, `${lines.join('\n')}\n`);
    }
  }, 600_000);
});
