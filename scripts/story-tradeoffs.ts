/**
 * Makes public/precomputed/tradeoffs.json, the run behind the story's "trade-offs" and "when
 * they fail" steps: the same variants at one n, timed and compared with dense, on an input whose
 * structure window attention matches (banded keys) and on one it does not (clustered keys).
 * Each half is the command line's own sweep; the file records the exact command.
 *
 *   VK_ICD_FILENAMES=/usr/lib/chromium/vk_swiftshader_icd.json LD_LIBRARY_PATH=/usr/lib/chromium \
 *     npx tsx scripts/story-tradeoffs.ts [--backend webgpu] [--n 512]
 */
import { writeFileSync } from 'node:fs';
import { sweepCommand } from '../src/cli/commands/sweep';

const args = process.argv.slice(2);
const flag = (name: string, fallback: string) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 && args[at + 1] ? args[at + 1] : fallback;
};
const backend = flag('backend', 'webgpu');
const n = flag('n', '512');
const variants = 'dense,window,linformer,performer,nystrom,linear';
const inputs = ['banded', 'clustered'];
const out = 'public/precomputed/tradeoffs.json';

const runs = [];
for (const kind of inputs) {
  const argv = ['--backend', backend, '--variants', variants, '--n', n, '--d', '64'];
  argv.push('--repeats', '5', '--input-kind', kind, '--seed', '1');
  let text = '';
  await sweepCommand(
    argv,
    (s) => {
      text += s;
    },
    (line) => process.stderr.write(`${kind} ${line}\n`),
  );
  runs.push({
    inputKind: kind,
    command: `npm run --silent cli -- sweep ${argv.join(' ')}`,
    ...JSON.parse(text),
  });
}
const file = {
  made: `npx tsx scripts/story-tradeoffs.ts --backend ${backend} --n ${n}`,
  runs,
};
writeFileSync(out, `${JSON.stringify(file, null, 1)}\n`);
process.stderr.write(`wrote ${out}\n`);
