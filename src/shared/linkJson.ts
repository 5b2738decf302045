/**
 * JSON inside a link: deflated with the browser's CompressionStream, then base64url. Decoding
 * is hostile-input safe: a size cap before and after inflating; any failure is a sentence for
 * a notice, never a throw. The results (`r=`) and the own kernel (`kernel=`) travel this way.
 */

export interface LinkCaps {
  /** Values longer than this are refused before decoding. */
  encodedChars: number;
  /** Inflated JSON larger than this is refused (a small deflate stream can inflate to gigabytes). */
  jsonBytes: number;
}

function toBase64Url(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(s: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(s) || s.length % 4 === 1) return null;
  const b64 = s.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (s.length % 4)) % 4);
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

async function deflate(text: string): Promise<Uint8Array> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('deflate'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** Inflate, stopping (null) once the output passes `max` bytes. Throws on a corrupt stream. */
async function inflate(bytes: Uint8Array, max: number): Promise<Uint8Array | null> {
  const source = new Blob([bytes as BlobPart]).stream();
  const reader = source.pipeThrough(new DecompressionStream('deflate')).getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/** A value as a link carries it. */
export async function encodeLinkJson(data: unknown): Promise<string> {
  return toBase64Url(await deflate(JSON.stringify(data)));
}

/** A link's value back to parsed JSON, or the reason it cannot be read. */
export async function decodeLinkJson(
  value: string,
  caps: LinkCaps,
): Promise<{ ok: true; data: unknown } | { ok: false; why: string }> {
  const fail = (why: string) => ({ ok: false as const, why });
  if (value.length > caps.encodedChars)
    return fail(`it is ${value.length} characters long (at most ${caps.encodedChars})`);
  const bytes = fromBase64Url(value);
  if (!bytes || bytes.length === 0) return fail('it is not base64url text');
  let json: Uint8Array | null;
  try {
    json = await inflate(bytes, caps.jsonBytes);
  } catch {
    return fail('it is not deflate-compressed data (the link may have been cut short)');
  }
  if (!json) return fail(`it inflates to more than ${caps.jsonBytes / 1024} KiB`);
  try {
    return { ok: true, data: JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(json)) };
  } catch {
    return fail('it does not hold valid JSON');
  }
}
