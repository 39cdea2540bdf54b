import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';

/** Every document of a (multi-document) YAML text as plain values; a parse error throws naming the source. */
export function parseYamlDocuments(text: string, source: string): unknown[] {
  const docs = parseAllDocuments(text, { uniqueKeys: true });
  const list = Array.isArray(docs) ? docs : [];
  for (const d of list) {
    const e = d.errors[0];
    if (e) throw new Error(`${source}: ${e.message.split('\n')[0]}`);
  }
  return list.map((d) => d.toJS() as unknown).filter((v) => v !== null && v !== undefined);
}

export function readYamlDocuments(file: string): unknown[] {
  return parseYamlDocuments(readFileSync(file, 'utf8'), file);
}
