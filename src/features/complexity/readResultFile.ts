import type { ResultSet } from './precomputed';
import type { ResultFileMessage } from './resultFileMessages';
import { resultSetOfText } from './resultFiles';

/**
 * A picked result file read and checked in a short-lived worker (resultFile.worker), so a large
 * file never blocks the page; where workers are unavailable, on the main thread.
 */
export function readResultFile(file: File): Promise<ResultSet | string> {
  if (typeof Worker === 'undefined') {
    return file.text().then(resultSetOfText, () => 'it could not be read');
  }
  return new Promise((resolve) => {
    const worker = new Worker(new URL('./resultFile.worker.ts', import.meta.url), {
      type: 'module',
    });
    const done = (out: ResultSet | string) => {
      worker.terminate();
      resolve(out);
    };
    const rows: ResultSet['rows'] = [];
    worker.onmessage = (e: MessageEvent<ResultFileMessage>) => {
      const m = e.data;
      if (m.kind === 'rows') {
        for (const r of m.rows) rows.push(r);
      } else if (m.kind === 'done') {
        done({ ...m.set, rows });
      } else {
        done(m.reason);
      }
    };
    worker.onerror = () => done('it could not be read (the file reader stopped)');
    worker.postMessage(file);
  });
}
