import { messageOf } from '../messageOf';
import { FileSchemaError } from './issues';

/**
 * JSON text as the app reads it from a file or the server, with the two mistakes named that
 * JSON.parse reports as "Unexpected token '<'": an HTML page where JSON was expected (a static
 * server such as `vite preview` answers a missing file with index.html) and a file too large.
 */

export const looksLikeHtml = (text: string): boolean => /^\s*</.test(text.slice(0, 512));

/** Bytes of a string as UTF-8 would store it, at least (one per UTF-16 unit). */
export const textBytesAtLeast = (text: string): number => text.length;

/** Parse JSON text; throws FileSchemaError("(the file)", why). */
export function parseJsonText(text: string, maxBytes: number): unknown {
  if (textBytesAtLeast(text) > maxBytes) {
    throw new FileSchemaError('(the file)', `larger than the limit of ${formatBytes(maxBytes)}`);
  }
  if (looksLikeHtml(text)) {
    throw new FileSchemaError('(the file)', 'an HTML page, not JSON');
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    const why = err instanceof Error ? err.message.slice(0, 120) : 'unreadable';
    throw new FileSchemaError('(the file)', `not valid JSON (${why})`);
  }
}

/** A server's answer read as JSON, or an error that says what came instead. */
export async function responseJson(
  response: {
    ok: boolean;
    status: number;
    text(): Promise<string>;
    headers?: { get(name: string): string | null };
  },
  url: string,
  maxBytes: number,
): Promise<unknown> {
  if (!response.ok) throw new Error(`${url} could not be loaded (HTTP ${response.status})`);
  const text = await response.text();
  const type = response.headers?.get('content-type') ?? '';
  if (type.includes('text/html') || looksLikeHtml(text)) {
    throw new Error(`${url} is missing: the server answered with an HTML page`);
  }
  try {
    return parseJsonText(text, maxBytes);
  } catch (err) {
    throw new Error(`${url}: ${messageOf(err)}`);
  }
}

export function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${bytes / (1024 * 1024)} MiB` : `${bytes} bytes`;
}
