import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { readConfiguredFile, watchFiles } from './watchFiles.js';

/** Records changes and errors, and lets a test wait for the next change. */
function recorder() {
  const changes: string[][] = [];
  const errors: Error[] = [];
  let waiter: (() => void) | undefined;
  return {
    changes,
    errors,
    onChange(contents: Buffer[]) {
      changes.push(contents.map(String));
      waiter?.();
    },
    onError(err: Error) {
      errors.push(err);
      waiter?.();
    },
    /** Resolves at the next change or error. The watch keeps no process alive, so a timer does while waiting. */
    next: () =>
      new Promise<void>((resolve) => {
        const alive = setInterval(() => undefined, 1000);
        waiter = () => {
          clearInterval(alive);
          resolve();
        };
      }),
  };
}

test('reads the files at start and names a file it cannot read', () => {
  const dir = mkdtempSync(join(tmpdir(), 'watch-'));
  writeFileSync(join(dir, 'a'), 'one');
  const w = watchFiles([join(dir, 'a')], { onChange: () => undefined, onError: () => undefined });
  assert.deepEqual(w.initial.map(String), ['one']);
  w.close();
  assert.throws(() => readConfiguredFile(join(dir, 'missing')), /cannot read .*missing: ENOENT/);
  assert.throws(() => watchFiles([join(dir, 'missing')], { onChange: () => undefined, onError: () => undefined }), /cannot read .*missing/);
});

test('a file written in place and a file replaced by a rename are both seen, each once', { timeout: 20_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'watch-'));
  const [a, b] = [join(dir, 'a'), join(dir, 'b')];
  writeFileSync(a, 'a1');
  writeFileSync(b, 'b1');
  const r = recorder();
  const w = watchFiles([a, b], { ...r, recheckMillis: 0 });
  try {
    let seen = r.next();
    writeFileSync(a, 'a2');
    await seen;
    seen = r.next();
    writeFileSync(`${b}.tmp`, 'b2');
    renameSync(`${b}.tmp`, b);
    await seen;
    assert.deepEqual(r.changes, [['a2', 'b1'], ['a2', 'b2']]);
    assert.deepEqual(r.errors, []);
  } finally {
    w.close();
  }
});

test('a Kubernetes Secret update (the ..data symlink swapped to a new folder) is seen', { timeout: 20_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'watch-'));
  mkdirSync(join(dir, '..v1'));
  writeFileSync(join(dir, '..v1', 'token'), 'first');
  symlinkSync('..v1', join(dir, '..data'));
  symlinkSync(join('..data', 'token'), join(dir, 'token'));
  const r = recorder();
  const w = watchFiles([join(dir, 'token')], { ...r, recheckMillis: 0 });
  try {
    assert.deepEqual(w.initial.map(String), ['first']);
    const seen = r.next();
    mkdirSync(join(dir, '..v2'));
    writeFileSync(join(dir, '..v2', 'token'), 'second');
    symlinkSync('..v2', join(dir, '..data_tmp'));
    renameSync(join(dir, '..data_tmp'), join(dir, '..data'));
    await seen;
    assert.deepEqual(r.changes, [['second']]);
  } finally {
    w.close();
  }
});

test('a change onChange refuses goes to onError, keeps the old contents and is offered again', { timeout: 20_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'watch-'));
  const file = join(dir, 'f');
  writeFileSync(file, 'good');
  const r = recorder();
  let refuse = true;
  const w = watchFiles([file], {
    onChange(contents) {
      if (refuse) throw new Error(`refused ${String(contents[0])}`);
      r.onChange(contents);
    },
    onError: r.onError,
    recheckMillis: 0,
  });
  try {
    let seen = r.next();
    writeFileSync(file, 'bad');
    await seen;
    assert.deepEqual(r.errors.map((e) => e.message), ['refused bad']);
    refuse = false;
    seen = r.next();
    // A touch with the same contents: still different from what was accepted, so it is offered again.
    writeFileSync(file, 'bad');
    await seen;
    assert.deepEqual(r.changes, [['bad']]);
  } finally {
    w.close();
  }
});

test('the periodic re-check finds a change that no event reported', { timeout: 20_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'watch-'));
  const file = join(dir, 'f');
  writeFileSync(file, 'one');
  const r = recorder();
  // Events wait out a debounce longer than the test, so only the re-check can report the change.
  const w = watchFiles([file], { ...r, recheckMillis: 50, debounceMillis: 600_000 });
  try {
    const seen = r.next();
    writeFileSync(file, 'two');
    await seen;
    assert.deepEqual(r.changes, [['two']]);
  } finally {
    w.close();
  }
});
