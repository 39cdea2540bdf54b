import assert from 'node:assert/strict';
import { ConfigError } from '../../src/config/configError.js';
import { loadConfig, type ServiceConfig } from '../../src/config/loadConfig.js';
import type { Factory } from '../../src/pipeline/component.js';

const unused = () => {
  throw new Error('not created in config tests');
};
const nopSchema = { type: 'object', additionalProperties: false, properties: {} };
const SECTION = { extension: 'extensions', receiver: 'receivers', processor: 'processors', exporter: 'exporters' } as const;

/**
 * Loads a config in which `factory`'s component sits in a pipeline between a no-op receiver and exporter (an extension
 * is listed in service.extensions instead).
 * `sectionYaml` is the indented YAML under its section, e.g. `  batch: {timeout: 1s}`.
 */
export function loadWithComponent(factory: Factory, sectionYaml: string): ServiceConfig {
  const factories = new Map<string, Factory>([
    ['receiver:nop', { kind: 'receiver', type: 'nop', description: '', configSchema: nopSchema, createReceiver: unused }],
    ['exporter:nop', { kind: 'exporter', type: 'nop', description: '', configSchema: nopSchema, createExporter: unused }],
    [`${factory.kind}:${factory.type}`, factory],
  ]);
  const section = SECTION[factory.kind];
  const pipeline = {
    receivers: factory.kind === 'receiver' ? factory.type : 'nop',
    processors: factory.kind === 'processor' ? `[${factory.type}]` : '[]',
    exporters: factory.kind === 'exporter' ? factory.type : 'nop',
  };
  const others = (['receivers', 'exporters'] as const).filter((s) => s !== section).map((s) => `${s}: {nop: {}}\n`).join('');
  const extensions = factory.kind === 'extension' ? `extensions: [${factory.type}], ` : '';
  const yaml = `${others}${section}:\n${sectionYaml}\nservice: {${extensions}pipelines: {traces: {receivers: [${pipeline.receivers}], processors: ${pipeline.processors}, exporters: [${pipeline.exporters}]}}}\n`;
  return loadConfig(yaml, 'test.yaml', { factories, env: {} });
}

/** The problems `loadWithComponent` reports; fails the test when the config is valid. */
export function configProblems(factory: Factory, sectionYaml: string): string[] {
  try {
    loadWithComponent(factory, sectionYaml);
  } catch (e) {
    assert.ok(e instanceof ConfigError, String(e));
    return [...e.problems];
  }
  return assert.fail('expected a ConfigError');
}
