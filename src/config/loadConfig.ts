import type { Static, TSchema } from '@sinclair/typebox';
import { Ajv, type ValidateFunction } from 'ajv';
import { parseDocument } from 'yaml';
import { ajvProblems } from './ajvProblems.js';
import { authReferences } from './authConfig.js';
import { ConfigError } from './configError.js';
import { expandEnv } from './expandEnv.js';
import { serviceSectionSchema, type ServiceSection } from './serviceSection.js';

/** Top-level sections other parts register (storage, query, ...), by key. */
export type SectionSchemas = Readonly<Record<string, ConfigSchema>>;

export interface ServiceConfig<S extends SectionSchemas = SectionSchemas> {
  /** Extensions by id (authenticators, storages); only those listed in `service.extensions` run. */
  extensions: Record<string, unknown>;
  receivers: Record<string, unknown>;
  processors: Record<string, unknown>;
  exporters: Record<string, unknown>;
  /** The registered sections the file has, validated and defaulted; typed by their schemas. */
  sections: { [K in keyof S]?: S[K] extends TSchema ? Static<S[K]> : unknown };
  service: ServiceSection;
}

/** A JSON schema (ajv) for a component's config; it carries the defaults. */
export type ConfigSchema = Record<string, unknown>;

export type ComponentKind = 'extension' | 'receiver' | 'processor' | 'exporter';

/** What loading a config needs of a component factory (src/pipeline/component.ts has the whole of one). */
export interface ConfigurableFactory {
  readonly kind: ComponentKind;
  readonly type: string;
  readonly configSchema: ConfigSchema;
  /** Checks a schema-valid config for what a schema cannot say (relations between keys); problems as `path.key: ...`. */
  readonly validateConfig?: (path: string, config: never) => string[];
  /** An extension that listeners may name in `auth.authenticator` (bearertokenauth, basicauth). */
  readonly serverAuthenticator?: boolean;
  /** An extension that exporters may name in `sending_queue.storage` (file_storage). */
  readonly storage?: boolean;
}

export interface ConfigContext<S extends SectionSchemas = SectionSchemas> {
  factories: ReadonlyMap<string, ConfigurableFactory>;
  /** Extra top-level keys and their schemas (with defaults). */
  sections?: S;
  env?: Record<string, string | undefined>;
  /**
   * Whether a config without pipelines is complete given its sections (a query-only instance reads a shared store
   * and runs none); without it every config needs a pipeline.
   */
  runsWithoutPipelines?: (sections: Readonly<Record<string, unknown>>) => boolean;
}

const ID = /^[a-z][a-z0-9_]*(\/[^\s/]+)?$/;
type PipelineSection = 'receivers' | 'processors' | 'exporters';
const KINDS: ReadonlyArray<[Exclude<ComponentKind, 'extension'>, PipelineSection]> = [['receiver', 'receivers'], ['processor', 'processors'], ['exporter', 'exporters']];
const SECTIONS: ReadonlyArray<[ComponentKind, PipelineSection | 'extensions']> = [['extension', 'extensions'], ...KINDS];

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

/** The type of a component id, `type[/name]`. */
export function componentType(id: string): string {
  const i = id.indexOf('/');
  return i < 0 ? id : id.slice(0, i);
}

/**
 * Parses, expands `${env:...}`, fills defaults and validates a YAML configuration. Every problem is collected and
 * thrown at once as a ConfigError, so an operator fixes them in one pass; on success the result is deeply frozen.
 */
export function loadConfig<S extends SectionSchemas = SectionSchemas>(text: string, source: string, ctx: ConfigContext<S>): ServiceConfig<S> {
  const problems: string[] = [];
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: true });
  for (const e of doc.errors) problems.push(`${source}: ${e.message.split('\n')[0]}`);
  if (problems.length > 0) throw new ConfigError(source, problems);
  const missing = new Set<string>();
  const raw = expandEnv(doc.toJS() ?? {}, ctx.env ?? process.env, missing);
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new ConfigError(source, ['(root): must be a mapping']);
  const root = raw as Record<string, unknown>;
  const sections: SectionSchemas = ctx.sections ?? {};
  const known = new Set(['extensions', 'receivers', 'processors', 'exporters', 'service', ...Object.keys(sections)]);
  for (const key of Object.keys(root)) if (!known.has(key)) problems.push(`${key}: unknown key`);
  for (const name of missing) problems.push(`\${env:${name}}: environment variable is not set and has no default`);

  const out: Pick<ServiceConfig, 'extensions' | 'receivers' | 'processors' | 'exporters'> = { extensions: {}, receivers: {}, processors: {}, exporters: {} };
  const sectionValues: Record<string, unknown> = {};
  for (const [kind, section] of SECTIONS) {
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
    sectionValues[key] = cfg;
  }
  const rawService = root.service ?? {};
  const validateService = validatorFor(serviceSectionSchema);
  let service: ServiceSection | undefined;
  if (!validateService(rawService)) problems.push(...ajvProblems('service', validateService.errors));
  else {
    service = rawService as ServiceSection;
    const pipelines = service.pipelines;
    if (Object.keys(pipelines).length === 0 && !ctx.runsWithoutPipelines?.(sectionValues)) problems.push(`service.pipelines: at least one pipeline is required${ctx.runsWithoutPipelines ? ' (or, for a query-only instance, storage and query sections)' : ''}`);
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
    problems.push(...extensionProblems(out, sectionValues, service, ctx.factories).filter((p) => !problems.some((x) => x.startsWith(p.slice(0, p.indexOf(': '))))));
  }
  if (problems.length > 0 || service === undefined) throw new ConfigError(source, problems);
  return deepFreeze({ ...out, sections: sectionValues as ServiceConfig<S>['sections'], service });
}

/**
 * `service.extensions` names defined extensions, and every `auth.authenticator` (in a component, a section or the
 * service's telemetry) names an authenticator extension that `service.extensions` lists, so it runs. The caller drops
 * problems at a path the schema already refused.
 */
function extensionProblems(
  components: Pick<ServiceConfig, 'extensions' | 'receivers' | 'processors' | 'exporters'>,
  sections: Record<string, unknown>,
  service: ServiceSection,
  factories: ReadonlyMap<string, ConfigurableFactory>,
): string[] {
  const problems: string[] = [];
  const listed = new Set(service.extensions);
  service.extensions.forEach((id, i) => {
    if (!(id in components.extensions)) problems.push(`service.extensions[${i}]: "${id}" is not defined in extensions`);
  });
  if (listed.size !== service.extensions.length) problems.push('service.extensions: lists an extension twice');
  const references = [
    ...(['receivers', 'processors', 'exporters'] as const).flatMap((section) => Object.entries(components[section]).flatMap(([id, cfg]) => authReferences(`${section}.${id}`, cfg))),
    ...Object.entries(sections).flatMap(([key, cfg]) => authReferences(key, cfg)),
    ...authReferences('service.telemetry', service.telemetry),
  ];
  for (const { path, authenticator } of references) {
    if (!(authenticator in components.extensions)) problems.push(`${path}: "${authenticator}" is not defined in extensions`);
    else if (factories.get(`extension:${componentType(authenticator)}`)?.serverAuthenticator !== true) problems.push(`${path}: extension "${authenticator}" is not an authenticator`);
    else if (!listed.has(authenticator)) problems.push(`${path}: extension "${authenticator}" is not listed in service.extensions`);
  }
  // An exporter's `sending_queue.storage` names a storage extension (file_storage) that runs.
  for (const [id, cfg] of Object.entries(components.exporters)) {
    const storage = (cfg as { sending_queue?: { storage?: unknown } } | null)?.sending_queue?.storage;
    if (typeof storage !== 'string') continue;
    const path = `exporters.${id}.sending_queue.storage`;
    if (!(storage in components.extensions)) problems.push(`${path}: "${storage}" is not defined in extensions`);
    else if (factories.get(`extension:${componentType(storage)}`)?.storage !== true) problems.push(`${path}: extension "${storage}" is not a storage`);
    else if (!listed.has(storage)) problems.push(`${path}: extension "${storage}" is not listed in service.extensions`);
  }
  return problems;
}

function deepFreeze<T>(v: T): T {
  if (v !== null && typeof v === 'object' && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const x of Object.values(v as Record<string, unknown>)) deepFreeze(x);
  }
  return v;
}
