import type { ErrorObject } from 'ajv';

/** Ajv errors as `prefix.path: message` lines, the way the Collector reports config errors. */
export function ajvProblems(prefix: string, errors: ErrorObject[] | null | undefined): string[] {
  const out: string[] = [];
  for (const e of errors ?? []) {
    const path = prefix + e.instancePath.split('/').filter(Boolean).map((p) => `.${p.replace(/~1/g, '/').replace(/~0/g, '~')}`).join('');
    switch (e.keyword) {
      case 'required':
        out.push(`${path}.${(e.params as { missingProperty: string }).missingProperty}: required`);
        break;
      case 'additionalProperties':
        out.push(`${path}.${(e.params as { additionalProperty: string }).additionalProperty}: unknown key`);
        break;
      case 'enum':
        out.push(`${path}: must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`);
        break;
      case 'pattern':
        out.push(`${path}: invalid value ${JSON.stringify(e.data)}${describe(e.parentSchema)}`);
        break;
      case 'if':
      case 'anyOf':
      case 'oneOf':
        break;
      default:
        out.push(`${path}: ${e.message ?? e.keyword}${e.keyword === 'type' ? `, got ${JSON.stringify(e.data)}` : ''}`);
    }
  }
  return [...new Set(out)];
}

function describe(schema: unknown): string {
  const d = schema && typeof schema === 'object' && 'description' in schema ? (schema as { description: unknown }).description : undefined;
  return typeof d === 'string' ? ` (${d})` : '';
}
