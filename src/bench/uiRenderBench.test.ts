import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { loadMeasureTraceRender } from './uiRenderBench.js';

const dir = mkdtempSync(join(tmpdir(), 'spanbridge-ui-hook-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function moduleWith(name: string, source: string): string {
  const path = join(dir, name);
  writeFileSync(path, source);
  return pathToFileURL(path).href;
}

test('a missing module is a reason to skip, not an error', async () => {
  const r = await loadMeasureTraceRender(pathToFileURL(join(dir, 'absent.mjs')).href);
  assert.equal(typeof r, 'string');
  assert.match(r as string, /does not exist yet/);
});

test('a module without measureTraceRender is a reason to skip', async () => {
  const r = await loadMeasureTraceRender(moduleWith('other.mjs', 'export const x = 1;\n'));
  assert.match(r as string, /exports no measureTraceRender function/);
});

test('the exported function is returned and can be called', async () => {
  const r = await loadMeasureTraceRender(moduleWith('hook.mjs', 'export async function measureTraceRender() { return { firstRowsMillis: 120, interactiveMillis: 480 }; }\n'));
  assert.equal(typeof r, 'function');
  assert.deepEqual(await (r as () => Promise<unknown>)(), { firstRowsMillis: 120, interactiveMillis: 480 });
});
