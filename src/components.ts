// The registry (STYLE.md rule 1): one line per factory. A new protocol is a new folder plus one line here.
import type { ConfigSchema, Factory } from './pipeline/component.js';

const all: Factory[] = [
];

/** Factories by `kind:type`. */
export const factories: ReadonlyMap<string, Factory> = new Map(all.map((f) => [`${f.kind}:${f.type}`, f]));

/** Top-level config sections besides receivers/processors/exporters/service (storage, query, ...). */
export const configSections: Readonly<Record<string, ConfigSchema>> = {};
