// `npm run docs`: writes docs/components/*.md from the registered factories' config schemas.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { factories } from '../../src/components.js';
import { REPO_ROOT } from '../../test/support/paths.js';
import { componentDocName, renderComponentDoc } from './renderComponentDoc.js';

const dir = join(REPO_ROOT, 'docs', 'components');
mkdirSync(dir, { recursive: true });
for (const f of factories.values()) writeFileSync(join(dir, componentDocName(f)), renderComponentDoc(f));
process.stdout.write(`wrote ${factories.size} pages to docs/components/\n`);
