/**
 * The adapter's arithmetic ceiling, measured: a WGSL kernel that does nothing but independent
 * fused multiply-adds (8 chains a thread, so latency is hidden), on a device of its own. Its
 * GFLOP/s (2 per FMA) is what no attention kernel on this adapter can beat; attention rows
 * report their fraction of it.
 */

const CHAINS = 8;
const WORKGROUP = 256;

function peakShader(iterations: number): string {
  const decl = Array.from({ length: CHAINS }, (_, i) => `var a${i} = f32(id.x + ${i}u) * 1e-7;`);
  const step = Array.from({ length: CHAINS }, (_, i) => `a${i} = fma(a${i}, m, c);`);
  const sum = Array.from({ length: CHAINS }, (_, i) => `a${i}`).join(' + ');
  return `
    @group(0) @binding(0) var<storage, read_write> out : array<f32>;
    @compute @workgroup_size(${WORKGROUP})
    fn main(@builtin(global_invocation_id) id : vec3<u32>) {
      let m = 0.999999; let c = 1e-7;
      ${decl.join('\n      ')}
      for (var i = 0u; i < ${iterations}u; i++) {
        ${step.join('\n        ')}
      }
      out[id.x] = ${sum};
    }`;
}

export interface GpuPeak {
  gflopsPerSecond: number;
  what: string;
}

/** Best of three dispatches after a warm-up; null without WebGPU. */
export async function measureGpuPeak(workgroups = 256, iterations = 8192): Promise<GpuPeak | null> {
  const adapter = await navigator.gpu?.requestAdapter();
  if (!adapter) return null;
  const device = await adapter.requestDevice();
  try {
    const threads = workgroups * WORKGROUP;
    const buffer = device.createBuffer({ size: threads * 4, usage: GPUBufferUsage.STORAGE });
    const pipeline = device.createComputePipeline({
      layout: 'auto',
      compute: {
        module: device.createShaderModule({ code: peakShader(iterations) }),
        entryPoint: 'main',
      },
    });
    const bind = device.createBindGroup({
      layout: pipeline.getBindGroupLayout(0),
      entries: [{ binding: 0, resource: { buffer } }],
    });
    const once = async () => {
      const encoder = device.createCommandEncoder();
      const pass = encoder.beginComputePass();
      pass.setPipeline(pipeline);
      pass.setBindGroup(0, bind);
      pass.dispatchWorkgroups(workgroups);
      pass.end();
      const t0 = performance.now();
      device.queue.submit([encoder.finish()]);
      await device.queue.onSubmittedWorkDone();
      return performance.now() - t0;
    };
    await once();
    let best = Number.POSITIVE_INFINITY;
    for (let i = 0; i < 3; i++) best = Math.min(best, await once());
    const flops = 2 * CHAINS * iterations * threads;
    buffer.destroy();
    return {
      gflopsPerSecond: flops / (best * 1e6),
      what: `a WGSL kernel of independent float32 FMAs only (${threads} threads × ${CHAINS} chains × ${iterations} steps, 2 FLOPs each), best of 3 dispatches after a warm-up: the adapter's arithmetic ceiling, which attention's loads, exps and barriers keep any kernel below`,
    };
  } finally {
    device.destroy();
  }
}
