import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { initWeights, type WeightMap } from '../../core/model/init';
import type { ModelInfo } from '../../core/model/trace';
import { taskAccuracy } from '../../engine/model/accuracy';
import { finiteNumber, list, nonNegativeInt, parseFlags, positiveInt, shown, str } from '../args';
import { cliBackend, startBackend } from '../backendSetup';
import { CliError } from '../errors';
import { checkOutputFolder } from '../output';
import { EVAL, MODEL_PLANS, type ModelPlan } from './trainConfigs';
import { train } from './trainLoop';
import { formatJson, updateIndex, writeModel } from './trainOutput';

export const TRAIN_USAGE =
  'train [--only ID,ID] [--untrained ID,ID] [--steps N (1…20000)] [--seed N] [--out public/models] [--backend wasm|cpu] [--stop-at 0.995]';

/**
 * Train the layer explorer's models on the copy task and write public/models. Models named
 * in --untrained get their seeded initial weights with trained: false (the screen says so).
 * Every plan without files afterwards gets the same, so the picker always lists them all.
 * Training stops early once held-out accuracy (checked every 250 steps) reaches --stop-at.
 */
export async function trainCommand(argv: string[], log: (line: string) => void): Promise<void> {
  const v = parseFlags('train', argv, {
    only: { type: 'string' },
    untrained: { type: 'string' },
    steps: { type: 'string' },
    seed: { type: 'string' },
    out: { type: 'string' },
    backend: { type: 'string' },
    'stop-at': { type: 'string' },
  });
  const known = MODEL_PLANS.map((p) => p.id);
  const ids = (flag: string) => {
    const given = list(flag, str(v, flag)) ?? [];
    for (const id of given) {
      if (!known.includes(id))
        throw new CliError(`train: unknown model "${shown(id)}" (models: ${known.join(', ')})`);
      if (given.indexOf(id) !== given.lastIndexOf(id))
        throw new CliError(`train: --${flag} lists ${id} twice`);
    }
    return given;
  };
  const only = ids('only');
  const untrained = ids('untrained');
  const both = only.find((id) => untrained.includes(id));
  if (both) throw new CliError(`train: ${both} is in both --only and --untrained`);
  const dir = str(v, 'out') ?? 'public/models';
  checkOutputFolder(dir);
  const stopAt = stopAtFlag(str(v, 'stop-at'));
  const stepsGiven = str(v, 'steps');
  const seedGiven = str(v, 'seed');
  // Checked now, before training starts (the defaults differ per model).
  positiveInt('steps', stepsGiven, 1);
  nonNegativeInt('seed', seedGiven, 0);
  const backend = cliBackend(str(v, 'backend'), 'wasm');
  const report = await startBackend(backend);
  for (const plan of MODEL_PLANS) {
    if (untrained.includes(plan.id)) writeUntrained(dir, plan);
    else if (only.length === 0 || only.includes(plan.id)) {
      const steps = positiveInt('steps', stepsGiven, plan.train.steps);
      const seed = nonNegativeInt('seed', seedGiven, plan.train.seed);
      await trainOne(
        dir,
        { ...plan, train: { ...plan.train, steps, seed } },
        stopAt,
        report.name,
        log,
      );
    }
  }
  for (const plan of MODEL_PLANS) {
    if (!existsSync(join(dir, `${plan.id}.json`))) writeUntrained(dir, plan);
  }
  formatJson(dir, log);
}

/** --stop-at: a held-out accuracy in (0, 1]. */
function stopAtFlag(text: string | undefined): number {
  if (text === undefined) return 0.995;
  const x = finiteNumber('stop-at', text) as number;
  if (!(x > 0 && x <= 1)) throw new CliError(`--stop-at must be in (0, 1], got ${x}`);
  return x;
}

const untrainedInfo = (plan: ModelPlan): ModelInfo => ({
  id: plan.id,
  label: plan.label,
  config: plan.config,
  trained: false,
  accuracy: null,
  training: null,
});

function writeUntrained(dir: string, plan: ModelPlan): void {
  const info = untrainedInfo(plan);
  writeModel(dir, info, initWeights(plan.config, plan.train.seed));
  updateIndex(
    dir,
    info,
    MODEL_PLANS.map((p) => p.id),
  );
}

async function trainOne(
  dir: string,
  plan: ModelPlan,
  stopAt: number,
  backend: string,
  log: (line: string) => void,
): Promise<void> {
  const start = performance.now();
  const info0: ModelInfo = { ...untrainedInfo(plan), trained: true };
  const evalOn = (tensors: WeightMap, sequences: number) =>
    taskAccuracy({ info: info0, tensors }, { variant: 'dense', sequences, seed: EVAL.seed });
  const result = await train(plan.config, plan.train, {
    every: 250,
    onLog: async (step, loss, weights) => {
      const acc = (await evalOn(await weights(), 256)).exactAccuracy;
      const s = ((performance.now() - start) / 1000).toFixed(0);
      log(
        `${plan.id}: step ${step} loss ${loss.toFixed(4)} held-out ${(acc * 100).toFixed(1)}% (${s} s)`,
      );
      return acc >= stopAt;
    },
  });
  const wallSeconds = Math.round((performance.now() - start) / 1000);
  const accuracy = (await evalOn(result.weights, EVAL.sequences)).exactAccuracy;
  const info: ModelInfo = {
    id: plan.id,
    label: plan.label,
    config: plan.config,
    trained: true,
    accuracy,
    training: {
      steps: result.steps,
      batch: plan.train.batch,
      lr: plan.train.lr,
      warmup: plan.train.warmup,
      seed: plan.train.seed,
      finalLoss: Number(result.loss.toFixed(5)),
      wallSeconds,
      date: new Date().toISOString(),
      backend,
      optimizer: 'Adam(0.9, 0.98), warm-up then cosine decay',
      evalSequences: EVAL.sequences,
      evalSeed: EVAL.seed,
      task: 'copy k distinct letters after "|", k ∈ [3, 15]; loss and accuracy on the second copy',
    },
  };
  const bytes = writeModel(dir, info, result.weights);
  updateIndex(
    dir,
    info,
    MODEL_PLANS.map((p) => p.id),
  );
  log(
    `${plan.id}: held-out accuracy ${(accuracy * 100).toFixed(2)}% after ${result.steps} steps, ${wallSeconds} s, ${bytes} bytes`,
  );
}
