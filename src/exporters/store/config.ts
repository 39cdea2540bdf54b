/** The `store` exporter takes no settings: where and how spans are stored is the top-level `storage` section. */
export type StoreExporterConfig = Record<string, never>;
