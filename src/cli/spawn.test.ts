import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { rows, scratchDir, writeFile } from './testing';

/** The command line as users run it: real processes through npm and tsx. */

let dir = '';
beforeAll(() => {
  dir = scratchDir();
});

const npmCli = (args: string[]) =>
  spawnSync('npm', ['run', '--silent', 'cli', '--', ...args], {
    encoding: 'utf8',
    maxBuffer: 64 * 2 ** 20,
  });

describe('real processes', () => {
  it('npm run cli: attention writes the file, prints nothing, exits 0', () => {
    const input = writeFile(
      dir,
      'in.json',
      JSON.stringify({ q: rows(6, 4, 1), k: rows(6, 4, 2), v: rows(6, 4, 3) }),
    );
    const output = join(dir, 'out.json');
    const r = npmCli(['attention', '--variant', 'linear', '--input', input, '--output', output]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('');
    const doc = JSON.parse(readFileSync(output, 'utf8'));
    expect(doc.variant).toBe('linear');
    expect(doc.output).toHaveLength(6);
  });

  it('npm run cli: bad input exits 2 with exactly one stderr line and no file', () => {
    const output = join(dir, 'never.json');
    const r = npmCli([
      'attention',
      '--variant',
      'x',
      '--input',
      'nowhere.json',
      '--output',
      output,
    ]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.endsWith('\n')).toBe(true);
    expect(r.stderr.trimEnd().split('\n')).toEqual([
      expect.stringMatching(/^error: cannot read input file nowhere\.json \(ENOENT\)$/),
    ]);
    expect(existsSync(output)).toBe(false);
  });

  it('tsx main.ts: a large JSON document on a pipe arrives whole', () => {
    const n = 600;
    const input = writeFile(
      dir,
      'big.json',
      JSON.stringify({ q: rows(n, 16, 1), k: rows(n, 16, 2), v: rows(n, 16, 3) }),
    );
    const r = spawnSync(
      'npx',
      ['tsx', 'src/cli/main.ts', 'attention', '--variant', 'flash', '--input', input],
      {
        encoding: 'utf8',
        maxBuffer: 64 * 2 ** 20,
      },
    );
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.output).toHaveLength(n);
    expect(doc.reference.relError).toBeLessThan(1e-5);
  });
});

/**
 * Wait until process `pid` has used `seconds` of CPU time: past its imports (about 1.4 s, when
 * its signal handlers are in place) and into the sweep, however loaded the machine is. Reads
 * /proc (Linux, as CI); elsewhere waits a fixed 8 s.
 */
async function untilBusy(pid: number, seconds: number): Promise<void> {
  const cpuSeconds = () => {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    // utime and stime, fields 14 and 15 of stat (11 and 12 after the command name), in ticks.
    return (Number(fields[11]) + Number(fields[12])) / 100;
  };
  if (!existsSync(`/proc/${pid}/stat`)) {
    await new Promise((done) => setTimeout(done, 8000));
    return;
  }
  while (cpuSeconds() < seconds) await new Promise((done) => setTimeout(done, 100));
}

describe('signals', () => {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`${signal} during a sweep: exit 2, one line, no output and no temp file left`, async () => {
      const out = join(dir, `signal-${signal}`);
      mkdirSync(out);
      const output = join(out, 'sweep.json');
      // One process (tsx as a loader, not as a wrapper) so the signal reaches the CLI itself.
      const child = spawn(
        process.execPath,
        [
          '--import',
          'tsx',
          'src/cli/main.ts',
          'sweep',
          '--backend',
          'cpu',
          '--variants',
          'dense',
          '--n',
          '1024,2048',
          '--repeats',
          '50',
          '--output',
          output,
        ],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let stderr = '';
      child.stderr.on('data', (b: Buffer) => {
        stderr += b.toString();
      });
      const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
      await untilBusy(child.pid ?? 0, 3);
      child.kill(signal);
      expect(await exited).toBe(2);
      expect(stderr).toBe(`error: interrupted by ${signal} (temp files removed)\n`);
      expect(readdirSync(out)).toEqual([]);
    }, 60_000);
  }
});
