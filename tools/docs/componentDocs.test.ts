import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { factories } from '../../src/components.js';
import { REPO_ROOT } from '../../test/support/paths.js';
import { componentDocName, renderComponentDoc } from './renderComponentDoc.js';

const dir = join(REPO_ROOT, 'docs', 'components');

test('every component page in docs/components is current (run `npm run docs` to regenerate)', () => {
  for (const f of factories.values()) {
    const file = join(dir, componentDocName(f));
    assert.ok(existsSync(file), `${file} is missing`);
    assert.equal(readFileSync(file, 'utf8'), renderComponentDoc(f), `${componentDocName(f)} is stale`);
  }
});

test('docs/components has no page for a component that is gone', () => {
  const expected = new Set([...factories.values()].map(componentDocName));
  for (const name of readdirSync(dir)) assert.ok(expected.has(name), `${name} documents no registered component`);
});
