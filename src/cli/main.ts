import { fileURLToPath } from 'node:url';
import { shown } from './args';
import { ATTENTION_USAGE, attentionCommand } from './commands/attention';
import { BENCH_USAGE, benchCommand } from './commands/bench';
import { HARDNESS_USAGE, hardnessCommand } from './commands/hardness';
import { KERNEL_USAGE, kernelCommand } from './commands/kernel';
import { LAYERS_USAGE, layersCommand } from './commands/layers';
import { SWEEP_USAGE, sweepCommand } from './commands/sweep';
import { TRAIN_USAGE, trainCommand } from './commands/train';
import { CliError, EXIT, oneLine } from './errors';
import { limitsUsage } from './limits';
import { removeTempFiles } from './output';

/**
 * Attention Explorer's command line: the engine headless, over the same core/ and engine/ as
 * the app. Returns the exit code (errors.ts EXIT): 0 ok, 2 any failure, which prints exactly
 * one line on stderr; 1 only when `bench --strict` ran and a check failed.
 */
export interface Io {
  stdout: (text: string) => void;
  /** One line at a time (the bench table, errors). */
  stderr: (line: string) => void;
  /** Progress lines for long runs; left out where nobody watches (not a terminal, tests). */
  progress?: (line: string) => void;
}

const USAGES: Record<string, string> = {
  attention: ATTENTION_USAGE,
  kernel: KERNEL_USAGE,
  sweep: SWEEP_USAGE,
  bench: BENCH_USAGE,
  train: TRAIN_USAGE,
  layers: LAYERS_USAGE,
  hardness: HARDNESS_USAGE,
};

const COMMANDS = Object.keys(USAGES).join(', ');

const USAGE = [
  'usage: npm run --silent cli -- <command> [flags]   (npm run bench -- [flags])',
  ...Object.values(USAGES).map((u) => `  ${u}`),
  `  ${limitsUsage()}`,
  'exit codes: 0 ok; 2 any failure, bad input or internal (one line on stderr: "error: …" or "internal error: …"); 1 only for bench --strict when a check failed',
].join('\n');

export async function main(argv: string[], io: Io): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === '--help' || command === '-h' || command === 'help') {
      io.stdout(`${USAGE}\n`);
      return EXIT.ok;
    }
    if (Object.hasOwn(USAGES, command ?? '') && (rest.includes('--help') || rest.includes('-h'))) {
      io.stdout(`usage: ${USAGES[command]}\n`);
      return EXIT.ok;
    }
    switch (command) {
      case 'attention':
        await attentionCommand(rest, io.stdout);
        return EXIT.ok;
      case 'kernel':
        await kernelCommand(rest, io.stdout);
        return EXIT.ok;
      case 'sweep':
        await sweepCommand(rest, io.stdout, io.progress);
        return EXIT.ok;
      case 'bench':
        return await benchCommand(rest, io.stderr, io.progress);
      case 'train':
        await trainCommand(rest, io.stderr);
        return EXIT.ok;
      case 'layers':
        await layersCommand(rest, io.stdout);
        return EXIT.ok;
      case 'hardness':
        await hardnessCommand(rest, io.stdout, io.progress);
        return EXIT.ok;
      case undefined:
        throw new CliError(`no command given (commands: ${COMMANDS}; --help for usage)`);
      default:
        throw new CliError(`unknown command "${shown(command)}" (commands: ${COMMANDS})`);
    }
  } catch (err) {
    removeTempFiles();
    io.stderr(errorLine(err));
    return EXIT.failure;
  }
}

/** The one stderr line for a failure: the user's mistake, or an internal error with its kind. */
export function errorLine(err: unknown): string {
  if (err instanceof CliError) return `error: ${oneLine(err.message)}`;
  const what = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return `internal error: ${oneLine(what)}`;
}

/** Signals and stray exceptions end the process the same way: temp files removed, one line, 2. */
function exitOnFailure(): void {
  const fail = (line: string) => {
    removeTempFiles();
    process.stderr.write(`${line}\n`);
    process.exit(EXIT.failure);
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => fail(`error: interrupted by ${signal} (temp files removed)`));
  }
  process.on('uncaughtException', (err) => fail(errorLine(err)));
  process.on('unhandledRejection', (err) => fail(errorLine(err)));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  exitOnFailure();
  const tty = process.stderr.isTTY === true;
  const code = await main(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (line) => process.stderr.write(`${line}\n`),
    ...(tty ? { progress: (line: string) => process.stderr.write(`${line}\n`) } : {}),
  });
  // Let stdout drain before exiting (a pipe may still hold a large JSON document).
  process.exitCode = code;
  await new Promise<void>((done) => process.stdout.write('', () => done()));
  // Exit explicitly: native backends (Dawn) can keep the event loop alive.
  process.exit(code);
}
