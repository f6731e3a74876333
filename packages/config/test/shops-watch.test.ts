import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { ShopsWatcher, readShopsFile, type ShopsChange } from '../src/index.js';

/** TEMU_SHOPS_FILE reloaded without a restart (issue 17): valid versions replace, bad ones are refused. */
const dir = mkdtempSync(path.join(os.tmpdir(), 'shops-watch-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const shop = (shopId: string, accessToken = `token-of-${shopId}`) => ({
  shopId,
  region: 'US',
  gatewayUrl: 'http://127.0.0.1:4010',
  appKey: 'app-key',
  appSecret: 'the-app-secret',
  accessToken,
});

/** Writes like Kubernetes and editors do: a new file renamed over the old one. */
function write(file: string, text: string): void {
  writeFileSync(`${file}.tmp`, text);
  renameSync(`${file}.tmp`, file);
}

function watcherOn(name: string, shops: object[], intervalMs = 3_600_000) {
  const file = path.join(dir, name);
  write(file, JSON.stringify(shops));
  const changes: ShopsChange[] = [];
  const invalid: string[] = [];
  const watcher = new ShopsWatcher({
    file,
    initial: readShopsFile(file),
    intervalMs,
    onChange: (c) => changes.push(c),
    onInvalid: (m) => invalid.push(m),
  });
  return { file, watcher, changes, invalid };
}

describe('ShopsWatcher', () => {
  it('reports added, removed and changed shops when the file changes, nothing when it does not', () => {
    const { file, watcher, changes } = watcherOn('a.json', [shop('a'), shop('b')]);
    expect(watcher.check()).toBe(false); // same text
    write(file, JSON.stringify([shop('a', 'rotated-token'), shop('c')]));
    expect(watcher.check()).toBe(true);
    // By hand: a stays with a new token (changed), b is gone (removed), c is new (added).
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ added: ['c'], removed: ['b'], changed: ['a'] });
    expect(watcher.current.map((s) => [s.shopId, s.accessToken])).toEqual([
      ['a', 'rotated-token'],
      ['c', 'token-of-c'],
    ]);
    // Same content rewritten (a new mtime only): no change.
    write(file, JSON.stringify([shop('a', 'rotated-token'), shop('c')]));
    expect(watcher.check()).toBe(false);
    expect(changes).toHaveLength(1);
  });

  it('keeps the shops in use when a new version is not valid, says why once, never quotes secrets', () => {
    const { file, watcher, changes, invalid } = watcherOn('b.json', [shop('a')]);
    // Not JSON (a half-edited file), with a secret in it.
    write(file, '[{"shopId": "a", "appSecret": "leaked-secret-value", ');
    expect(watcher.check()).toBe(false);
    expect(watcher.check()).toBe(false); // the same bad version: not reported again
    expect(invalid).toEqual([
      expect.stringMatching(
        /^TEMU_SHOPS_FILE: .*b\.json is not valid JSON \(line 1, column \d+\); fix the file's syntax; the file changed but is not valid, so the shops in use stay \(a\)$/,
      ),
    ]);
    expect(invalid[0]).not.toContain('leaked-secret-value');
    // Valid JSON, but a shop without its access token.
    const { accessToken: _drop, ...noToken } = shop('new');
    write(file, JSON.stringify([shop('a'), noToken]));
    expect(watcher.check()).toBe(false);
    expect(invalid[1]).toMatch(/^TEMU_SHOPS_FILE: 1\.accessToken: .*shops in use stay \(a\)$/);
    // Two shops with one id.
    write(file, JSON.stringify([shop('a'), shop('a')]));
    expect(watcher.check()).toBe(false);
    expect(invalid[2]).toMatch(/^TEMU_SHOPS_FILE: shop id a appears twice; /);
    expect(watcher.current.map((s) => s.shopId)).toEqual(['a']);
    expect(changes).toEqual([]);
    // Fixed: taken.
    write(file, JSON.stringify([shop('a'), shop('new')]));
    expect(watcher.check()).toBe(true);
    expect(changes[0]).toMatchObject({ added: ['new'], removed: [], changed: [] });
  });

  it('notices a change by itself once started (file events, and the periodic check besides)', async () => {
    const { file, watcher, changes } = watcherOn('c.json', [shop('a')], 100);
    watcher.start();
    try {
      write(file, JSON.stringify([shop('a'), shop('b')]));
      const deadline = Date.now() + 20_000;
      while (!changes.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(changes.map((c) => c.added)).toEqual([['b']]);
    } finally {
      watcher.stop();
    }
  });
});
