import { type ResultFileMessage, ROWS_PER_MESSAGE } from './resultFileMessages';
import { resultSetOfText } from './resultFiles';

/**
 * Reads and checks one result file off the main thread: JSON.parse and the schema over a 21 MB
 * file take about a second, which in the page would be one long task. Message in: a File.
 * Messages out: the rows in slices (each is copied into the page in its own task: 65 000 rows in
 * one message cost the page about 70 ms and a collection), then the rest of the set, or the
 * reason (a string) it cannot be shown.
 */
self.onmessage = async (e: MessageEvent<File>) => {
  let out: ReturnType<typeof resultSetOfText>;
  try {
    out = resultSetOfText(await e.data.text());
  } catch {
    out = 'it could not be read';
  }
  const post = (m: ResultFileMessage) => self.postMessage(m);
  if (typeof out === 'string') return post({ kind: 'refused', reason: out });
  const { rows, ...rest } = out;
  for (let i = 0; i < rows.length; i += ROWS_PER_MESSAGE) {
    post({ kind: 'rows', rows: rows.slice(i, i + ROWS_PER_MESSAGE) });
  }
  post({ kind: 'done', set: rest });
};
