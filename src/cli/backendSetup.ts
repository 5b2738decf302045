import { messageOf } from '../core/messageOf';
import { type BackendName, type BackendReport, initBackend, tf } from '../engine/backend';
import { CliError } from './errors';

/** The backends the command line can run: cpu and wasm always, webgpu through Dawn. */
export const CLI_BACKENDS = ['cpu', 'wasm', 'webgpu'] as const;
export type CliBackend = (typeof CLI_BACKENDS)[number];

export function cliBackend(text: string | undefined, fallback: CliBackend): CliBackend {
  if (text === undefined) return fallback;
  if (!(CLI_BACKENDS as readonly string[]).includes(text)) {
    throw new CliError(`--backend must be one of ${CLI_BACKENDS.join(', ')}, got "${text}"`);
  }
  return text as CliBackend;
}

/** Give Node a navigator.gpu from the `webgpu` package (Dawn) before tfjs-webgpu starts. */
async function installNodeWebGPU(): Promise<void> {
  const { create, globals } = await import('webgpu');
  Object.assign(globalThis, globals);
  const g = globalThis as { navigator?: object };
  g.navigator ??= {};
  // Unquantised GPU timestamps (Dawn rounds them by default).
  const gpu = create(['disable-dawn-features=timestamp_quantization']);
  Object.defineProperty(g.navigator, 'gpu', { value: gpu, configurable: true });
}

export async function startBackend(name: CliBackend): Promise<BackendReport> {
  // Prod mode silences tfjs's console banners, which would break the one-line error contract.
  tf.enableProdMode();
  try {
    if (name === 'webgpu') await installNodeWebGPU();
    return await initBackend([name as BackendName]);
  } catch (err) {
    const why = messageOf(err);
    throw new CliError(`backend ${name} could not start: ${why}`);
  }
}
