import { resultSetOfText } from '../features/complexity/resultFiles';

/**
 * Reads and checks one result file off the main thread: JSON.parse and the schema over a 21 MB
 * file take about a second, which in the page would be one long task. Message in: a File;
 * message out: the ResultSet, or the reason (a string) it cannot be shown.
 */
self.onmessage = async (e: MessageEvent<File>) => {
  let out: ReturnType<typeof resultSetOfText>;
  try {
    out = resultSetOfText(await e.data.text());
  } catch {
    out = 'it could not be read';
  }
  self.postMessage(out);
};
