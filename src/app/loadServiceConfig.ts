import { configSections, factories } from '../components.js';
import { ConfigError } from '../config/configError.js';
import { componentType, loadConfig, type ServiceConfig } from '../config/loadConfig.js';

/** A configuration of this build: its `storage` and `query` sections typed by their schemas. */
export type SpanbridgeConfig = ServiceConfig<typeof configSections>;

/** The receiver transports that carry no header to name a tenant with (UDP; the X-Ray poller calls out). */
function headerlessTransports(id: string, config: unknown): string[] {
  const type = componentType(id);
  if (type === 'awsxray') return ['the X-Ray daemon protocol on UDP'];
  if (type === 'awsxray_poller') return ['polling the X-Ray API'];
  if (type !== 'jaeger') return [];
  const protocols = (config as { protocols?: Record<string, unknown> } | null)?.protocols ?? {};
  return ['thrift_compact', 'thrift_binary'].filter((p) => p in protocols).map((p) => `the Jaeger agent protocol on UDP (${p})`);
}

/** What tenancy needs of the rest of the configuration (docs/security.md, "Tenants"). */
function tenancyProblems(config: SpanbridgeConfig): string[] {
  const tenancy = config.sections.tenancy;
  if (!tenancy?.enabled) return [];
  const problems: string[] = [];
  if (tenancy.tenants.length === 0) problems.push('tenancy.tenants: list at least one tenant when tenancy is enabled');
  const headerless = tenancy.headerless_tenant;
  if (headerless !== undefined && !tenancy.tenants.includes(headerless)) problems.push(`tenancy.headerless_tenant: "${headerless}" is not in tenancy.tenants`);
  if (headerless === undefined) {
    for (const [id, cfg] of Object.entries(config.receivers)) {
      for (const transport of headerlessTransports(id, cfg)) {
        problems.push(`receivers.${id}: ${transport} carries no tenant header; set tenancy.headerless_tenant to the tenant of such data, or remove it`);
      }
    }
  }
  // One SQLite file per tenant is how tenants are kept apart; other stores do not keep them apart yet.
  const storage = config.sections.storage as Record<string, unknown> | undefined;
  for (const key of Object.keys(storage ?? {})) {
    if (key !== 'sqlite' && storage?.[key] !== null && typeof storage?.[key] === 'object') problems.push(`tenancy.enabled: tenants are kept apart with storage.sqlite only (one database file per tenant); storage.${key} does not support tenancy yet`);
  }
  return problems;
}

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
  problems.push(...tenancyProblems(config));
  const cors = config.sections.query?.cors;
  if (cors?.allow_credentials && cors.allowed_origins.includes('*')) problems.push('query.cors.allow_credentials: cannot be true while allowed_origins has "*"; list the origins');
  if (problems.length > 0) throw new ConfigError(source, problems);
  return config;
}
