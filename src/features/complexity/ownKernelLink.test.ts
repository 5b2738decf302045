import { describe, expect, it } from 'vitest';
import { DENSE_BODY } from '../../core/userKernel/template';
import { hashParts } from '../../shared/hashParts';
import { encodeLinkJson } from '../../shared/linkJson';
import { encodeLabHash } from '../share/shareHash';
import { useLabStore } from './labStore';
import { DEFAULT_CONFIG } from './model/labConfig';
import { hashParams } from './model/labHash';
import { defaultSelection } from './model/paramSweep';
import { decodeKernel, encodeKernel, KERNEL_KEY } from './ownKernelLink';

const kernel = { name: 'mine', cost: 'O(n^2 d)', body: DENSE_BODY };
const view = {
  screen: 'lab' as const,
  config: DEFAULT_CONFIG,
  frontierN: null,
  param: defaultSelection(DEFAULT_CONFIG),
  hide: [],
  embed: null,
};
const settle = () => new Promise((done) => setTimeout(done, 50));

describe('a kernel in a link (kernel=)', () => {
  it('round-trips, compressed: the dense body in fewer characters than its text', async () => {
    const value = await encodeKernel(kernel);
    expect(value).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(value.length).toBeLessThan(DENSE_BODY.length);
    expect(await decodeKernel(value)).toEqual(kernel);
  });

  it('refuses what is not a kernel, saying why', async () => {
    const bad = async (data: unknown) => decodeKernel(await encodeLinkJson(data));
    expect(await bad({ ...kernel, name: 'flash' })).toMatch(/"flash" is a built-in variant's name/);
    expect(await bad({ ...kernel, cost: 'n w' })).toMatch(/its cost "n w"/);
    expect(await bad({ ...kernel, body: '' })).toMatch(/^body: /);
    expect(await bad({ ...kernel, body: 'x'.repeat(16_001) })).toMatch(/^body: /);
    expect(await bad(7)).toMatch(/\{name, body, cost\}/);
    expect(await decodeKernel('%%%')).toMatch(/not base64url/);
    expect(await decodeKernel('A'.repeat(40_000))).toMatch(/characters long/);
  });

  it('the lab writes it into the hash and links, and keeps it in an embedded lab chart', async () => {
    // As the hash sync does: the part encodes when the lab's kernel changes.
    const part = hashParts().find((p) => p.name === 'kernel');
    const off = part?.subscribe(() => {});
    useLabStore.getState().setKernel({ kernel, from: 'editor', check: null });
    await settle(); // encoding is async; the hash part writes once it is done
    const value = hashParams(encodeLabHash(view)).get(KERNEL_KEY);
    expect(value).not.toBeNull();
    expect(await decodeKernel(value ?? '')).toEqual(kernel);
    expect(hashParams(encodeLabHash({ ...view, embed: 'time' })).get(KERNEL_KEY)).toBe(value);
    useLabStore.getState().setKernel(null);
    await settle();
    expect(encodeLabHash(view)).not.toContain(`${KERNEL_KEY}=`);
    off?.();
  });
});
