import { configSections, factories } from '../components.js';
import { ConfigError } from '../config/configError.js';
import { componentType, loadConfig, type ServiceConfig } from '../config/loadConfig.js';

/** A configuration of this build: its `storage` and `query` sections typed by their schemas. */
export type SpanbridgeConfig = ServiceConfig<typeof configSections>;

/**
 * `loadConfig` with this build's registry and sections, plus the checks that span sections: a `store` exporter or an
 * `awsxray` receiver's API reads need a `storage` section, `query.cors` cannot offer credentials to any origin
 * (browsers refuse `*` with credentials), and a config without pipelines is a query-only instance, which needs
 * `storage` and `query` (docs/scaling.md, "Load balancing and roles"). Used by `validate` and by start-up alike.
 */
export function loadServiceConfig(text: string, source: string, env: Record<string, string | undefined> = process.env): SpanbridgeConfig {
  const config = loadConfig(text, source, { factories, sections: configSections, env, runsWithoutPipelines: (sections) => 'query' in sections });
  const problems: string[] = [];
  if (Object.keys(config.service.pipelines).length === 0 && !config.sections.storage) problems.push('query: a query-only instance (no pipelines) needs a storage section to read');
  if (!config.sections.storage) {
    for (const id of Object.keys(config.exporters)) {
      if (componentType(id) === 'store') problems.push(`exporters.${id}: needs a top-level storage section to write to`);
    }
  }
  const cors = config.sections.query?.cors;
  if (cors?.allow_credentials && cors.allowed_origins.includes('*')) problems.push('query.cors.allow_credentials: cannot be true while allowed_origins has "*"; list the origins');
  if (problems.length > 0) throw new ConfigError(source, problems);
  return config;
}
