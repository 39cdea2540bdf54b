// Runs every test file (*.test.ts) from source with node's test runner, through tsx. Unit tests sit beside the code
// in src/; test/, bench/, tools/ and ui/e2e/ hold the rest. Node 20's `--test` does not expand globs, so the files
// are listed here. Arguments filter by path substring: `node tools/run-tests.mjs store/ zipkin`.
import { readdirSync, statSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { spawn } from 'node:child_process';

const TREES = ['src', 'test', 'bench', 'tools', 'ui/e2e'];

function find(dir, out) {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist' || name === 'fixtures') continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) find(p, out);
    else if (name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

const filter = process.argv.slice(2);
const files = TREES.flatMap((t) => find(t, []))
  .filter((f) => filter.length === 0 || filter.some((s) => f.includes(s)))
  .sort();
if (files.length === 0) {
  console.error('no test files matched');
  process.exit(1);
}
const child = spawn(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-reporter=spec', ...files], { stdio: 'inherit' });
child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 1)));
