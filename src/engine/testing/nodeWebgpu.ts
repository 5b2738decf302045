/**
 * WebGPU in Node for tests: Dawn from the `webgpu` package, on whatever Vulkan driver the
 * environment names (vitest.config.ts points it at Chromium's SwiftShader when none is set).
 * Must run before @tensorflow/tfjs-backend-webgpu is imported.
 */
export async function installDawn(): Promise<void> {
  const { create, globals } = await import('webgpu');
  Object.assign(globalThis, globals);
  const g = globalThis as { navigator?: object };
  g.navigator ??= {};
  Object.defineProperty(g.navigator, 'gpu', { value: create([]), configurable: true });
}
