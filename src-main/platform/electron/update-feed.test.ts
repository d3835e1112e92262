import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readUpdateFeedUrl } from './update-feed';

const dirs: string[] = [];
function configFile(text?: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'equineops-update-'));
  dirs.push(dir);
  const file = join(dir, 'update.json');
  if (text !== undefined) writeFileSync(file, text);
  return file;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('the update address', () => {
  it('is off when neither the environment nor update.json names one', () => {
    expect(readUpdateFeedUrl({}, configFile())).toBeNull();
    expect(readUpdateFeedUrl({ EQUINEOPS_UPDATE_URL: '  ' }, configFile('{}'))).toBeNull();
  });

  it('comes from the environment first, then update.json', () => {
    const file = configFile('{"url": "https://updates.example.com/file/"}');
    expect(readUpdateFeedUrl({}, file)).toBe('https://updates.example.com/file/');
    expect(
      readUpdateFeedUrl({ EQUINEOPS_UPDATE_URL: 'https://updates.example.com/env/' }, file),
    ).toBe('https://updates.example.com/env/');
  });

  it('takes https, or http on this computer only, and says why otherwise', () => {
    expect(
      readUpdateFeedUrl({ EQUINEOPS_UPDATE_URL: 'http://127.0.0.1:8080/' }, configFile()),
    ).toBe('http://127.0.0.1:8080/');
    expect(() =>
      readUpdateFeedUrl({ EQUINEOPS_UPDATE_URL: 'http://updates.example.com/' }, configFile()),
    ).toThrow(/must start with https:\/\/.*updates stay off/);
    expect(() => readUpdateFeedUrl({ EQUINEOPS_UPDATE_URL: 'updates' }, configFile())).toThrow(
      /"updates" is not a web address; updates stay off/,
    );
    expect(() => readUpdateFeedUrl({}, configFile('{"url": '))).toThrow(
      /update\.json is not valid JSON like \{"url": "https:\/\/…"\}/,
    );
  });
});
