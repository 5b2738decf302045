import * as v from 'valibot';
import { OwnKernelSchema } from '../../core/schemas/ownKernel';
import type { OwnKernel } from '../../core/userKernel/ownKernel';
import { registerHashPart } from '../../shared/hashParts';
import { decodeLinkJson, encodeLinkJson } from '../../shared/linkJson';
import { useLabStore } from './labStore';

/**
 * The own kernel in a link (`kernel=`): {name, cost, body} as compressed JSON (shared/linkJson),
 * checked by the same schema as requests and files. A kernel from a link is put in the lab's
 * sweep and shown in the editor with a notice; it runs only when the reader presses Run.
 */

export const KERNEL_KEY = 'kernel';
const CAPS = { encodedChars: 32 * 1024, jsonBytes: 64 * 1024 };

export const encodeKernel = (k: OwnKernel) =>
  encodeLinkJson({ name: k.name, cost: k.cost, body: k.body });

/** A `kernel=` value back to a checked kernel, or why it cannot be used. */
export async function decodeKernel(value: string): Promise<OwnKernel | string> {
  const json = await decodeLinkJson(value, CAPS);
  if (!json.ok) return json.why;
  const parsed = v.safeParse(OwnKernelSchema, json.data);
  if (parsed.success) return parsed.output;
  const issue = parsed.issues[0];
  const where = issue.path?.map((p) => p.key).join('.');
  return where ? `${where}: ${issue.message}` : issue.message;
}

/** The notice a reader sees when a link brings a kernel. */
export const kernelNotice = (k: OwnKernel) =>
  `This link brings a kernel of its own, "${k.name}" (stated cost ${k.cost}); its source is ` +
  'shown on this page. Read it before you run it: it runs on your GPU only when you press Run ' +
  '(Run live in an embedded chart), as one more variant of the sweep.';

const addNotice = (notice: string) =>
  useLabStore.setState((s) => ({ notices: [...s.notices, notice] }));

/** The value the hash writes: encoded once per kernel (encoding is async, the hash is not). */
let encoded: { kernel: OwnKernel; value: string } | null = null;
let latest = 0;

async function applyKernel(value: string): Promise<void> {
  const token = ++latest;
  const kernel = await decodeKernel(value);
  if (token !== latest) return;
  if (typeof kernel === 'string') {
    addNotice(`Ignored the kernel in the link (kernel=): ${kernel}.`);
    return;
  }
  const now = useLabStore.getState().kernel?.kernel;
  if (now && now.name === kernel.name && now.body === kernel.body && now.cost === kernel.cost) {
    return; // the hash this page wrote, read back
  }
  encoded = { kernel, value };
  useLabStore.getState().setKernel({ kernel, from: 'link', check: null });
  addNotice(kernelNotice(kernel));
}

registerHashPart({
  name: 'kernel',
  lab: true,
  owns: (key) => key === KERNEL_KEY,
  encode: () => {
    const k = useLabStore.getState().kernel?.kernel;
    return k && encoded?.kernel === k ? [[KERNEL_KEY, encoded.value]] : [];
  },
  apply: (params) => {
    const value = params.get(KERNEL_KEY);
    if (value !== null) void applyKernel(value);
    return [];
  },
  subscribe: (onChange) =>
    useLabStore.subscribe((s, prev) => {
      const k = s.kernel?.kernel;
      if (k === prev.kernel?.kernel) return;
      if (!k || encoded?.kernel === k) return onChange();
      void encodeKernel(k).then((value) => {
        if (useLabStore.getState().kernel?.kernel !== k) return;
        encoded = { kernel: k, value };
        onChange();
      });
    }),
});
