import { EventEmitter } from 'node:events';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { captureConsole } from './console-capture';
import { MAX_ENTRY_CHARS, openFileLog } from './file-log';

const folders: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'equineops-log-'));
  folders.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const REFRESH_TOKEN = 'AB11700000000q9Zx7YkVtPw3LmNcRsTuVwXyZaBcDeFgHiJ';

describe('the log file', () => {
  it('writes each line with its time and level, and never a token', () => {
    const log = openFileLog(join(tempDir(), 'logs'), {
      now: () => new Date('2026-03-02T10:00:00Z'),
    });
    log.write('error', `Token refresh failed: {"refresh_token":"${REFRESH_TOKEN}"}\nsecond line`);
    const text = readFileSync(log.file, 'utf8');
    expect(text).toContain('2026-03-02T10:00:00.000Z [error] Token refresh failed');
    expect(text).toContain('2026-03-02T10:00:00.000Z [error] second line');
    expect(text).not.toContain(REFRESH_TOKEN);
    expect(text).toContain('[redacted]');
  });

  it('rotates by size, keeps only the newest files and reads them oldest first', () => {
    const dir = tempDir();
    const log = openFileLog(dir, { maxBytes: 200, keep: 2 });
    for (let i = 1; i <= 12; i += 1) log.write('info', `line ${i} ${'x'.repeat(60)}`);
    expect(readdirSync(dir).sort()).toEqual(['main.1.log', 'main.2.log', 'main.log']);
    const all = log.readAll();
    // The oldest lines went with the third rotation; what is kept is in order.
    expect(all).not.toContain('line 1 ');
    expect(all).toContain('line 12 ');
    const numbers = [...all.matchAll(/line (\d+) /g)].map((m) => Number(m[1]));
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
  });

  it('keeps the folder under its cap even when one message is huge or has many lines', () => {
    const dir = tempDir();
    const maxBytes = 4096;
    const log = openFileLog(dir, { maxBytes, keep: 2 });
    for (let i = 0; i < 20; i += 1) {
      log.write('error', `response dump ${i}: ${'y'.repeat(200_000)}`);
      log.write('error', `stack ${i}\n${'at x\n'.repeat(20_000)}`);
    }
    const total = readdirSync(dir).reduce((sum, name) => sum + statSync(join(dir, name)).size, 0);
    expect(readdirSync(dir)).toHaveLength(3);
    expect(total).toBeLessThanOrEqual(3 * (maxBytes + MAX_ENTRY_CHARS + 200));
    expect(log.readAll()).toMatch(/more characters not logged/);
  });

  it('redacts before cutting a long message, so half a token never lands in the file', () => {
    const log = openFileLog(tempDir());
    const stamp = '2026-03-02T10:00:00.000Z [error] ';
    const padding = 'x '.repeat((MAX_ENTRY_CHARS - stamp.length - 20) / 2);
    log.write('error', `${padding}refresh ${REFRESH_TOKEN} and more`);
    const text = readFileSync(log.file, 'utf8');
    expect(text).not.toContain(REFRESH_TOKEN.slice(0, 8));
  });

  it('keeps the app running when the folder cannot be written', () => {
    const dir = tempDir();
    const log = openFileLog(dir);
    rmSync(dir, { recursive: true, force: true });
    expect(() => log.write('info', 'after the folder went')).not.toThrow();
    expect(existsSync(log.file)).toBe(false);
  });
});

describe('the console copied into the log file', () => {
  it('logs console.error lines redacted in the file and on the console, until undone', () => {
    const log = openFileLog(tempDir());
    const printed: string[] = [];
    const fakeConsole = {
      log: (line: string) => printed.push(line),
      info: (line: string) => printed.push(line),
      warn: (line: string) => printed.push(line),
      error: (line: string) => printed.push(line),
    } as unknown as Console;
    const undo = captureConsole(log, fakeConsole);
    fakeConsole.error('[sync] failed: %s', `Bearer ${REFRESH_TOKEN}`);
    fakeConsole.warn('slow backup');
    undo();
    fakeConsole.error('after undo');
    const text = log.readAll();
    expect(text).toMatch(/\[error\] \[sync\] failed: Bearer \[redacted\]/);
    expect(text).toMatch(/\[warn\] slow backup/);
    expect(text).not.toContain('after undo');
    expect(printed.join('\n')).not.toContain(REFRESH_TOKEN);
  });

  it('writes an uncaught exception and an unhandled rejection to the file, redacted', () => {
    const log = openFileLog(tempDir());
    const printed: string[] = [];
    const quiet = (line: string) => printed.push(line);
    const fakeConsole = {
      log: quiet,
      info: quiet,
      warn: quiet,
      error: quiet,
    } as unknown as Console;
    const fakeProcess = new EventEmitter();
    const undo = captureConsole(log, fakeConsole, fakeProcess);
    fakeProcess.emit(
      'uncaughtExceptionMonitor',
      new Error(`token refresh crashed: {"refresh_token":"${REFRESH_TOKEN}"}`),
      'uncaughtException',
    );
    fakeProcess.emit(
      'unhandledRejection',
      new Error(`Intuit said Authorization: Bearer ${REFRESH_TOKEN}`),
    );
    undo();
    expect(fakeProcess.listenerCount('unhandledRejection')).toBe(0);
    expect(fakeProcess.listenerCount('uncaughtExceptionMonitor')).toBe(0);
    const text = log.readAll();
    expect(text).toMatch(/\[error\] Uncaught exception: Error: token refresh crashed/);
    expect(text).toMatch(
      /\[error\] Unhandled promise rejection: Error: Intuit said Authorization: /,
    );
    // The stack comes along, for support.
    expect(text).toMatch(/file-log\.test\.ts/);
    expect(text).not.toContain(REFRESH_TOKEN);
    expect(printed.join('\n')).not.toContain(REFRESH_TOKEN);
  });
});
