import type { Static } from '@sinclair/typebox';
import { configObject } from '../../config/configSchema.js';

/** The `store` exporter takes no settings: where and how spans are stored is the top-level `storage` section. */
export const storeExporterConfigSchema = configObject({});

export type StoreExporterConfig = Static<typeof storeExporterConfigSchema>;
