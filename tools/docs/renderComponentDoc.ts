import type { Factory } from '../../src/pipeline/component.js';

interface SchemaNode {
  type?: string | string[];
  description?: string;
  default?: unknown;
  enum?: unknown[];
  properties?: Record<string, SchemaNode>;
  additionalProperties?: boolean | SchemaNode;
  items?: SchemaNode;
  required?: string[];
  minimum?: number;
  maximum?: number;
  pattern?: string;
}

const KIND_SECTION = { extension: 'extensions', receiver: 'receivers', processor: 'processors', exporter: 'exporters' } as const;

function typeOf(node: SchemaNode): string {
  if (node.enum) return node.enum.map((v) => `\`${String(v)}\``).join(' \\| ');
  const t = Array.isArray(node.type) ? node.type.join(' \\| ') : (node.type ?? (node.properties ? 'object' : 'any'));
  if (t === 'array' && node.items) return `array of ${typeOf(node.items)}`;
  if (t === 'object' && node.additionalProperties && typeof node.additionalProperties === 'object') return `map of ${typeOf(node.additionalProperties)}`;
  return t;
}

function bounds(node: SchemaNode): string {
  const parts: string[] = [];
  if (node.minimum !== undefined) parts.push(`>= ${node.minimum}`);
  if (node.maximum !== undefined) parts.push(`<= ${node.maximum}`);
  return parts.join(', ');
}

function rows(node: SchemaNode, prefix: string, out: string[]): void {
  for (const [key, child] of Object.entries(node.properties ?? {})) {
    const path = prefix ? `${prefix}.${key}` : key;
    const required = node.required?.includes(key) ? 'yes' : '';
    const def = child.default === undefined || (typeof child.default === 'object' && child.default !== null && Object.keys(child.default).length === 0) ? '' : `\`${JSON.stringify(child.default)}\``;
    const desc = [child.description ?? '', bounds(child)].filter(Boolean).join('; ').replace(/\|/g, '\\|');
    out.push(`| \`${path}\` | ${typeOf(child)} | ${def} | ${required} | ${desc} |`);
    if (child.properties) rows(child, path, out);
  }
}

/** The reference page of one component, generated from its factory's config schema (docs/components/). */
export function renderComponentDoc(factory: Factory): string {
  const schema = factory.configSchema as SchemaNode;
  const table: string[] = [];
  rows(schema, '', table);
  const section = KIND_SECTION[factory.kind];
  return [
    `# \`${factory.type}\` ${factory.kind}`,
    '',
    factory.description,
    '',
    `Configured under \`${section}\` as \`${factory.type}\` or \`${factory.type}/NAME\`${factory.kind === 'extension' ? ', and run when listed in `service.extensions`' : ''}.`,
    'Generated from the config schema by `npm run docs`; a test fails when this page is stale. More in the component',
    'README under `src/`.',
    '',
    ...(table.length > 0
      ? ['| key | type | default | required | notes |', '|---|---|---|---|---|', ...table]
      : ['This component takes no settings.']),
    '',
  ].join('\n');
}

export function componentDocName(factory: Factory): string {
  return `${factory.kind}-${factory.type}.md`;
}
