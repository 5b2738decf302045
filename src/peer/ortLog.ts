/**
 * Reading what ONNX Runtime Web printed during a probe call: which programs ran (JSEP's
 * `[profiling] kernel` lines, the session profiler's "Api" events for the native WebGPU build)
 * and on which execution provider each node ran (the profiler's "Node" events). The patterns are
 * checked against lines ORT 1.31 printed, in ortLog.test.ts.
 */

/** Program names: "MultiHeadAttention/FlashAttention", "MatMul/MatMul" (op/program). */
export function ortKernels(lines: readonly string[]): string[] {
  const names = new Set<string>();
  for (const line of lines) {
    const jsep = /\[profiling\] kernel "([^"]+)"/.exec(line);
    if (jsep) {
      // "10053000|MultiHeadAttention|MultiHeadAttention_0|AttentionProbs": id|op|node|program
      const parts = jsep[1].split('|');
      names.add(parts.length >= 4 ? `${parts[1]}/${parts[3]}` : parts.slice(1, 2).join(''));
      continue;
    }
    const event = profilerEvent(line);
    if (!event) continue;
    if (event.cat === 'Api') {
      // "MultiHeadAttention_0&MultiHeadAttention&FlashAttention": node&op&program
      const parts = String(event.name).split('&');
      if (parts.length >= 3) names.add(`${parts[1]}/${parts[2]}`);
    }
  }
  return [...names];
}

function profilerEvent(line: string): Record<string, unknown> | null {
  const text = line.trim().replace(/,$/, '');
  if (!text.startsWith('{"cat"')) return null;
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return null;
  }
}

/** Each node's execution provider, from the profiler's per-node events. */
export function nodePlacements(lines: readonly string[]): { op: string; provider: string }[] {
  const out: { op: string; provider: string }[] = [];
  for (const line of lines) {
    const event = profilerEvent(line);
    if (event?.cat !== 'Node' || !String(event.name).endsWith('_kernel_time')) continue;
    const args = (event.args ?? {}) as Record<string, unknown>;
    out.push({ op: String(args.op_name ?? ''), provider: String(args.provider ?? '') });
  }
  return out;
}

/** The attention's own work: where these ops run decides where the row ran. */
const COMPUTE_OPS = /^(MultiHeadAttention|MatMul|Softmax)$/;

/** "MatMul on WebGpu", "Gather on CPU": each op type once, with where it ran. */
export function placementText(lines: readonly string[]): string[] {
  const seen = new Set<string>();
  for (const p of nodePlacements(lines)) {
    seen.add(`${p.op} on ${p.provider.replace('ExecutionProvider', '') || '?'}`);
  }
  return [...seen];
}

/** Why a WebGPU row did not run its attention on WebGPU, or null when it did. */
export function ortFallback(lines: readonly string[]): string | null {
  const placed = nodePlacements(lines).filter((p) => COMPUTE_OPS.test(p.op));
  if (placed.length === 0)
    return "ORT's profiler named no attention node, so where it ran is unknown";
  const off = placed.filter((p) => !/WebGpu|Js/.test(p.provider));
  if (off.length === 0) return null;
  return `${[...new Set(off.map((p) => p.op))].join(', ')} ran on ${off[0].provider || 'an unnamed provider'}, not WebGPU`;
}
