import { describe, expect, it } from 'vitest';
import { FileSchemaError } from './issues';
import { parseJsonText, responseJson } from './jsonText';

const answer = (body: string, type: string, status = 200) => ({
  ok: status < 400,
  status,
  text: async () => body,
  headers: new Headers({ 'content-type': type }),
});

describe('reading JSON from a file or the server', () => {
  it('names an HTML page where JSON was expected (a static server answering a missing file)', async () => {
    await expect(
      responseJson(answer('<!doctype html><html></html>', 'text/html'), 'models/x.json', 1000),
    ).rejects.toThrow('models/x.json is missing: the server answered with an HTML page');
    await expect(
      responseJson(answer('<html>', 'application/octet-stream'), 'models/x.json', 1000),
    ).rejects.toThrow(/is missing: the server answered with an HTML page/);
  });

  it('says the HTTP status of a failed request, and reads good JSON', async () => {
    await expect(responseJson(answer('', 'text/plain', 404), 'a.json', 10)).rejects.toThrow(
      'a.json could not be loaded (HTTP 404)',
    );
    expect(await responseJson(answer('{"a":1}', 'application/json'), 'a.json', 10)).toEqual({
      a: 1,
    });
  });

  it('refuses text over the limit before parsing, with the loader’s own error type', () => {
    expect(() => parseJsonText('[1,2,3]', 4)).toThrow(FileSchemaError);
    expect(() => parseJsonText('[1,2,3]', 4)).toThrow('larger than the limit of 4 bytes');
    expect(() => parseJsonText('{', 10)).toThrow(/^\(the file\): not valid JSON/);
  });
});
