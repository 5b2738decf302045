import { existsSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

// Tests of the WGSL kernels run WebGPU in Node through Dawn, which needs a Vulkan loader and
// driver at process start: without a GPU driver named, use Chromium's SwiftShader (TESTING.md).
// The forked test processes inherit this environment.
const chromiumDir = '/usr/lib/chromium';
if (!process.env.VK_ICD_FILENAMES && existsSync(`${chromiumDir}/vk_swiftshader_icd.json`)) {
  process.env.VK_ICD_FILENAMES = `${chromiumDir}/vk_swiftshader_icd.json`;
  process.env.LD_LIBRARY_PATH = [chromiumDir, process.env.LD_LIBRARY_PATH]
    .filter(Boolean)
    .join(':');
}

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    // Forks isolate tfjs's global engine per file (and suit native modules such as Dawn).
    pool: 'forks',
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
