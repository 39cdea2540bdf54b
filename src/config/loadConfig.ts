import { Ajv, type ValidateFunction } from 'ajv';
import { parseDocument } from 'yaml';
import type { ComponentKind, ConfigSchema, Factory } from '../pipeline/component.js';
import { ajvProblems } from './ajvProblems.js';
import { ConfigError } from './configError.js';
import { ENDPOINT_PATTERN } from './endpoint.js';
import { expandEnv } from './expandEnv.js';

export interface PipelineConfig {
  receivers: string[];
  processors: string[];
  exporters: string[];
}

export interface ServiceConfig {
  receivers: Record<string, unknown>;
  processors: Record<string, unknown>;
  exporters: Record<string, unknown>;
  /** Top-level sections other parts register (storage, query, ...) that the file has, validated and defaulted. */
  sections: Record<string, unknown>;
  service: {
    pipelines: Record<string, PipelineConfig>;
    telemetry: { metrics: { address: string }; logs: { level: string; encoding?: 'json' | 'console' } };
  };
}

export interface ConfigContext {
  factories: ReadonlyMap<string, Factory>;
  /** Extra top-level keys and their schemas (with defaults). */
  sections?: Readonly<Record<string, ConfigSchema>>;
  env?: Record<string, string | undefined>;
}

const ID = /^[a-z][a-z0-9_]*(\/[^\s/]+)?$/;
const KINDS: ReadonlyArray<[ComponentKind, 'receivers' | 'processors' | 'exporters']> = [['receiver', 'receivers'], ['processor', 'processors'], ['exporter', 'exporters']];

const ajv = new Ajv({ allErrors: true, useDefaults: true, coerceTypes: true, strict: false, verbose: true });
const compiled = new WeakMap<object, ValidateFunction>();
function validatorFor(schema: ConfigSchema): ValidateFunction {
  let v = compiled.get(schema);
  if (!v) {
    v = ajv.compile(schema);
    compiled.set(schema, v);
  }
  return v;
}

const serviceSchema: ConfigSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['pipelines'],
  properties: {
    pipelines: {
      type: 'object',
      propertyNames: { pattern: '^traces(/[^\\s/]+)?$' },
      additionalProperties: {
        type: 'object',
        additionalProperties: false,
        required: ['receivers', 'exporters'],
        properties: {
          receivers: { type: 'array', items: { type: 'string' }, minItems: 1 },
          processors: { type: 'array', items: { type: 'string' }, default: [] },
          exporters: { type: 'array', items: { type: 'string' }, minItems: 1 },
        },
      },
    },
    telemetry: {
      type: 'object',
      additionalProperties: false,
      default: {},
      properties: {
        metrics: {
          type: 'object',
          additionalProperties: false,
          default: {},
          properties: { address: { type: 'string', default: 'localhost:8888', pattern: ENDPOINT_PATTERN, description: 'host:port of /metrics, /healthz, /readyz' } },
        },
        logs: {
          type: 'object',
          additionalProperties: false,
          default: {},
          properties: {
            level: { enum: ['debug', 'info', 'warn', 'error'], default: 'info' },
            // No default: without it the CLI writes text on a terminal and JSON elsewhere (src/telemetry/logger.ts).
            encoding: { enum: ['json', 'console'], description: 'json: one JSON object a line; console: text for a person' },
          },
        },
      },
    },
  },
};

/** The type of a component id, `type[/name]`. */
export function componentType(id: string): string {
  const i = id.indexOf('/');
  return i < 0 ? id : id.slice(0, i);
}

/**
 * Parses, expands `${env:...}`, fills defaults and validates a YAML configuration. Every problem is collected and
 * thrown at once as a ConfigError (DESIGN section 3); on success the result is deeply frozen.
 */
export function loadConfig(text: string, source: string, ctx: ConfigContext): ServiceConfig {
  const problems: string[] = [];
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: true });
  for (const e of doc.errors) problems.push(`${source}: ${e.message.split('\n')[0]}`);
  if (problems.length > 0) throw new ConfigError(source, problems);
  const missing = new Set<string>();
  const raw = expandEnv(doc.toJS() ?? {}, ctx.env ?? process.env, missing);
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new ConfigError(source, ['(root): must be a mapping']);
  const root = raw as Record<string, unknown>;
  const sections = ctx.sections ?? {};
  const known = new Set(['receivers', 'processors', 'exporters', 'service', ...Object.keys(sections)]);
  for (const key of Object.keys(root)) if (!known.has(key)) problems.push(`${key}: unknown key`);
  for (const name of missing) problems.push(`\${env:${name}}: environment variable is not set and has no default`);

  const out: ServiceConfig = {
    receivers: {},
    processors: {},
    exporters: {},
    sections: {},
    service: { pipelines: {}, telemetry: { metrics: { address: 'localhost:8888' }, logs: { level: 'info' } } },
  };
  for (const [kind, section] of KINDS) {
    const entries = root[section] ?? {};
    if (entries === null || typeof entries !== 'object' || Array.isArray(entries)) {
      problems.push(`${section}: must be a mapping of component ids`);
      continue;
    }
    for (const [id, value] of Object.entries(entries as Record<string, unknown>)) {
      const path = `${section}.${id}`;
      if (!ID.test(id)) {
        problems.push(`${path}: invalid component id (type[/name])`);
        continue;
      }
      const factory = ctx.factories.get(`${kind}:${componentType(id)}`);
      if (!factory) {
        const types = [...ctx.factories.values()].filter((f) => f.kind === kind).map((f) => f.type).sort();
        problems.push(`${path}: unknown ${kind} type "${componentType(id)}" (known: ${types.join(', ')})`);
        continue;
      }
      const cfg = value ?? {};
      const validate = validatorFor(factory.configSchema);
      if (!validate(cfg)) problems.push(...ajvProblems(path, validate.errors));
      else if (factory.validateConfig) problems.push(...factory.validateConfig(path, cfg as never));
      out[section][id] = cfg;
    }
  }
  for (const [key, schema] of Object.entries(sections)) {
    if (!(key in root)) continue;
    const cfg = root[key] ?? {};
    const validate = validatorFor(schema);
    if (!validate(cfg)) problems.push(...ajvProblems(key, validate.errors));
    out.sections[key] = cfg;
  }
  const service = root.service ?? {};
  const validateService = validatorFor(serviceSchema);
  if (!validateService(service)) problems.push(...ajvProblems('service', validateService.errors));
  else {
    out.service = service as ServiceConfig['service'];
    const pipelines = out.service.pipelines;
    if (Object.keys(pipelines).length === 0) problems.push('service.pipelines: at least one pipeline is required');
    for (const [name, p] of Object.entries(pipelines)) {
      for (const [, section] of KINDS) {
        const list = p[section];
        list.forEach((id, i) => {
          if (!(id in out[section]) && !problems.some((x) => x.startsWith(`${section}.${id}:`) || x.startsWith(`${section}.${id}.`))) {
            problems.push(`service.pipelines.${name}.${section}[${i}]: "${id}" is not defined in ${section}`);
          }
        });
        if (new Set(list).size !== list.length) problems.push(`service.pipelines.${name}.${section}: lists a component twice`);
      }
    }
  }
  if (problems.length > 0) throw new ConfigError(source, problems);
  return deepFreeze(out);
}

function deepFreeze<T>(v: T): T {
  if (v !== null && typeof v === 'object' && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const x of Object.values(v as Record<string, unknown>)) deepFreeze(x);
  }
  return v;
}
