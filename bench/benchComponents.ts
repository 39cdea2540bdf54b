// Components created the way the service creates them: config defaulted by the factory's schema (as the config
// loader does), silent logger, a telemetry registry of the bench's own.
import { Ajv } from 'ajv';
import { pino } from 'pino';
import { countSpans } from '../src/model/batch.js';
import type { ComponentSettings, ConfigSchema, Exporter, Host } from '../src/pipeline/component.js';
import { createTelemetry } from '../src/telemetry/telemetry.js';

const ajv = new Ajv({ useDefaults: true, coerceTypes: true, strict: false });

/** `overrides` with every default of `schema` filled in; throws listing the problems when they do not validate. */
export function defaultedConfig<C>(schema: ConfigSchema, overrides: Record<string, unknown> = {}): C {
  const config = structuredClone(overrides);
  const validate = ajv.compile(schema);
  if (!validate(config)) throw new Error(`bench config does not validate: ${ajv.errorsText(validate.errors)}`);
  return config as C;
}

export function benchSettings(id: string): ComponentSettings {
  return { id, logger: pino({ level: 'silent' }), telemetry: createTelemetry() };
}

export function benchHost(extra: Partial<Host> = {}): Host {
  return { logger: pino({ level: 'silent' }), telemetry: createTelemetry(), ...extra };
}

export interface NullExporter extends Exporter {
  /** Spans and batches received so far. */
  readonly spans: number;
  readonly batches: number;
}

/** An exporter that drops what it is given after counting it (the end of a measured pipeline). */
export function createNullExporter(): NullExporter {
  let spans = 0;
  let batches = 0;
  return {
    get spans() {
      return spans;
    },
    get batches() {
      return batches;
    },
    async start() {},
    async shutdown() {},
    consume(batch) {
      spans += countSpans(batch);
      batches++;
      return Promise.resolve();
    },
  };
}
