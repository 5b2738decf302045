import { fileURLToPath } from 'node:url';
import { ATTENTION_USAGE, attentionCommand } from './commands/attention';
import { BENCH_USAGE, benchCommand } from './commands/bench';
import { SWEEP_USAGE, sweepCommand } from './commands/sweep';
import { CliError, EXIT, oneLine } from './errors';

/**
 * Attention Explorer's command line: the engine headless, over the same core/ and engine/ as
 * the app. Returns the exit code: 0 ok, 1 internal failure, 2 bad input (one line on stderr).
 */
export interface Io {
  stdout: (text: string) => void;
  stderr: (line: string) => void;
}

const USAGE = [
  'usage: npm run --silent cli -- <command>',
  `  ${ATTENTION_USAGE}`,
  `  ${SWEEP_USAGE}`,
  `  ${BENCH_USAGE}`,
].join('\n');

export async function main(argv: string[], io: Io): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'attention':
        await attentionCommand(rest, io.stdout);
        return EXIT.ok;
      case 'sweep':
        await sweepCommand(rest, io.stdout, io.stderr);
        return EXIT.ok;
      case 'bench':
        return await benchCommand(rest, io.stderr);
      case undefined:
      case '--help':
      case 'help':
        io.stdout(`${USAGE}\n`);
        return command === undefined ? EXIT.badInput : EXIT.ok;
      default:
        throw new CliError(`unknown command "${command}" (commands: attention, sweep, bench)`);
    }
  } catch (err) {
    if (err instanceof CliError) {
      io.stderr(`error: ${oneLine(err.message)}`);
      return EXIT.badInput;
    }
    io.stderr(`internal error: ${oneLine(err instanceof Error ? err.message : String(err))}`);
    return EXIT.failure;
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const code = await main(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (line) => process.stderr.write(`${line}\n`),
  });
  // Exit explicitly: native backends (Dawn) can keep the event loop alive.
  process.exit(code);
}
