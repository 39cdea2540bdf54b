import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ERROR_CODES, PipelineError } from './errors.js';
import { REPO_ROOT } from '../test/support/paths.js';

function sources(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) sources(p, out);
    else if (name.endsWith('.ts') && !name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

test('docs/errors.md and the catalogue list the same codes with the same kind and status', () => {
  const doc = readFileSync(join(REPO_ROOT, 'docs', 'errors.md'), 'utf8');
  const rows = new Map([...doc.matchAll(/^\| `(SB_[A-Z_]+)` \| (\w+) \| (\d+) \|/gm)].map((m) => [m[1], { kind: m[2], status: Number(m[3]) }]));
  assert.deepEqual([...rows.keys()].sort(), Object.keys(ERROR_CODES).sort());
  for (const [code, def] of Object.entries(ERROR_CODES)) assert.deepEqual(rows.get(code), { kind: def.kind, status: def.status }, code);
});

test('every code the source uses is in the catalogue', () => {
  const used = new Set<string>();
  for (const f of sources(join(REPO_ROOT, 'src'))) for (const m of readFileSync(f, 'utf8').matchAll(/'(SB_[A-Z_]+)'/g)) used.add(m[1] as string);
  for (const code of used) assert.ok(code in ERROR_CODES, `${code} is used but not in ERROR_CODES`);
});

test('PipelineError takes kind and status from its code', () => {
  const e = new PipelineError('SB_QUEUE_FULL', 'full', { retryAfterMillis: 1000 });
  assert.equal(e.kind, 'retryable');
  assert.equal(e.httpStatus, 429);
  assert.equal(e.retryAfterMillis, 1000);
  assert.equal(new PipelineError('SB_MALFORMED', 'x').kind, 'permanent');
});
