import type { AttentionInputs } from '../core/headBlock';
import {
  bodyMessages,
  type KernelMessage,
  kernelSource,
  MAX_DV,
  WORKGROUP,
} from '../core/userKernel/template';

/**
 * A researcher's own attention kernel on a WebGPU device, outside tfjs: the template's shader
 * compiled with the driver's messages mapped to the body's lines, then run on plain arrays with
 * its own buffers. Every buffer made for a run is destroyed after it.
 */

export interface CompiledKernel {
  pipeline: GPUComputePipeline;
  warnings: KernelMessage[];
}

/** Compile the body in the template; the errors (at their body lines) when it does not. */
export async function compileKernel(
  device: GPUDevice,
  body: string,
): Promise<{ ok: true; kernel: CompiledKernel } | { ok: false; errors: KernelMessage[] }> {
  // The scope keeps the driver from also logging a bad shader: its messages are returned here.
  device.pushErrorScope('validation');
  const module = device.createShaderModule({ code: kernelSource(body) });
  const info = await module.getCompilationInfo();
  await device.popErrorScope();
  const messages = bodyMessages(info.messages, body);
  const errors = messages.filter((m) => m.type === 'error');
  if (errors.length > 0) return { ok: false, errors };
  // An explicit layout: 'auto' would drop the bindings a body does not read (a kernel that
  // ignores V is still a kernel), and the bind group would no longer fit.
  const storage = (binding: number, type: GPUBufferBindingType) => ({
    binding,
    visibility: GPUShaderStage.COMPUTE,
    buffer: { type },
  });
  const bindGroupLayout = device.createBindGroupLayout({
    entries: [
      storage(0, 'uniform'),
      storage(1, 'read-only-storage'),
      storage(2, 'read-only-storage'),
      storage(3, 'read-only-storage'),
      storage(4, 'storage'),
    ],
  });
  const pipeline = await device.createComputePipelineAsync({
    layout: device.createPipelineLayout({ bindGroupLayouts: [bindGroupLayout] }),
    compute: { module, entryPoint: 'main' },
  });
  return { ok: true, kernel: { pipeline, warnings: messages } };
}

export interface KernelRun {
  /** heads × n × dv, as the kernel wrote it. */
  output: Float32Array;
  /** Wall ms from submit until the output is read back. */
  ms: number;
}

/** A compiled kernel bound to its inputs: each `run` dispatches it once; `destroy` frees it. */
export interface KernelRunner {
  run(): Promise<KernelRun>;
  destroy(): void;
  /** Bytes of every buffer made for the run: shape, q, k, v, output and its read-back copy. */
  bytes: number;
}

/**
 * Upload q, k, v (float32 copies) and the shape once, so that each timed call is the dispatch
 * and the read-back only; refuses what the template cannot hold.
 */
export function prepareKernel(
  device: GPUDevice,
  kernel: CompiledKernel,
  inputs: AttentionInputs,
  causal: boolean,
): KernelRunner {
  const { q, k, v } = inputs;
  if (v.width > MAX_DV) throw new Error(`dv = ${v.width} is above the template's ${MAX_DV}`);
  const { heads, n, width: d } = q;
  const dv = v.width;
  const shape = new ArrayBuffer(24);
  new Uint32Array(shape, 0, 4).set([n, d, dv, heads]);
  new Float32Array(shape, 16, 1)[0] = 1 / Math.sqrt(d);
  new Uint32Array(shape, 20, 1)[0] = causal ? 1 : 0;
  const outBytes = heads * n * dv * 4;
  const made: GPUBuffer[] = [];
  const buffer = (size: number, usage: number) => {
    const b = device.createBuffer({ size: Math.max(4, size), usage });
    made.push(b);
    return b;
  };
  const storage = (data: ArrayLike<number>) => {
    const f = Float32Array.from(data);
    const b = buffer(f.byteLength, GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST);
    device.queue.writeBuffer(b, 0, f);
    return b;
  };
  const uniforms = buffer(shape.byteLength, GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST);
  device.queue.writeBuffer(uniforms, 0, shape);
  const out = buffer(outBytes, GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC);
  const read = buffer(outBytes, GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST);
  const bind = device.createBindGroup({
    layout: kernel.pipeline.getBindGroupLayout(0),
    entries: [uniforms, storage(q.data), storage(k.data), storage(v.data), out].map(
      (b, binding) => ({ binding, resource: { buffer: b } }),
    ),
  });

  async function run(): Promise<KernelRun> {
    const encoder = device.createCommandEncoder();
    const pass = encoder.beginComputePass();
    pass.setPipeline(kernel.pipeline);
    pass.setBindGroup(0, bind);
    pass.dispatchWorkgroups(Math.ceil((heads * n) / WORKGROUP));
    pass.end();
    encoder.copyBufferToBuffer(out, 0, read, 0, outBytes);
    device.pushErrorScope('internal');
    device.pushErrorScope('validation');
    const start = performance.now();
    device.queue.submit([encoder.finish()]);
    const mapped = read.mapAsync(GPUMapMode.READ);
    const [validation, internal] = [await device.popErrorScope(), await device.popErrorScope()];
    const failure = validation ?? internal;
    if (failure) throw new Error(`the kernel did not run: ${failure.message}`);
    await mapped;
    const ms = performance.now() - start;
    const output = new Float32Array(read.getMappedRange().slice(0));
    read.unmap();
    return { output, ms };
  }

  return {
    run,
    bytes: made.reduce((sum, b) => sum + b.size, 0),
    destroy: () => {
      for (const b of made) b.destroy();
    },
  };
}
