// Extensions (the `extensions` section, run when listed in `service.extensions`), as in the Collector: they start before
// the pipeline and the servers that use them and stop after them. They are authenticators, which listeners name in
// `auth.authenticator` (docs/security.md), and storages, which exporters name in `sending_queue.storage`
// (docs/durability.md).
import type { Logger } from 'pino';
import type { AuthConfig } from '../config/authConfig.js';
import { componentType, type ServiceConfig } from '../config/loadConfig.js';
import { PipelineError } from '../errors.js';
import type { HttpAuthenticator } from '../http/authentication.js';
import type { Telemetry } from '../telemetry/telemetry.js';
import type { Extension, ExtensionFactory, Factory, Host, StorageExtension } from './component.js';

export interface RunningExtensions {
  /** The authenticator of a running extension, by id. */
  authenticator(id: string): HttpAuthenticator | undefined;
  /** The storage of a running extension, by id. */
  storage(id: string): StorageExtension | undefined;
  /** Stops them in the reverse order of `service.extensions`. */
  shutdown(): Promise<void>;
}

export interface ExtensionDeps {
  factories: ReadonlyMap<string, Factory>;
  logger: Logger;
  telemetry: Telemetry;
}

/** Creates and starts the extensions `service.extensions` lists, in its order; one that fails stops those started. */
export async function startExtensions(config: ServiceConfig, deps: ExtensionDeps): Promise<RunningExtensions> {
  const running = new Map<string, Extension>();
  const shutdown = async () => {
    for (const [id, extension] of [...running].reverse()) {
      try {
        await extension.shutdown();
      } catch (e) {
        deps.logger.error({ err: e, extension: id }, 'extension shutdown failed');
      }
    }
    running.clear();
  };
  try {
    for (const id of config.service.extensions) {
      running.set(id, await startExtension(id, config.extensions[id], deps));
    }
  } catch (e) {
    await shutdown();
    throw e;
  }
  return { authenticator: (id) => running.get(id)?.authenticator, storage: (id) => running.get(id)?.storage, shutdown };
}

/** Creates and starts one extension from its id and its (checked) config. */
export async function startExtension(id: string, config: unknown, deps: ExtensionDeps): Promise<Extension> {
  const factory = deps.factories.get(`extension:${componentType(id)}`) as ExtensionFactory | undefined;
  if (!factory) throw new Error(`no extension factory for ${id}`);
  const extension = factory.createExtension({ id, logger: deps.logger.child({ component: id }), telemetry: deps.telemetry }, config as never);
  await extension.start();
  return extension;
}

/**
 * The authenticator a listener's `auth` names, or undefined without `auth`. Configuration loading has checked the
 * reference, so a miss here is a wiring fault, refused as SB_CONFIG naming `where`.
 */
export function resolveAuthenticator(host: Pick<Host, 'authenticator'>, auth: AuthConfig | undefined, where: string): HttpAuthenticator | undefined {
  if (auth === undefined) return undefined;
  const authenticator = host.authenticator?.(auth.authenticator);
  if (!authenticator) throw new PipelineError('SB_CONFIG', `${where}: authenticator "${auth.authenticator}" is not running (define it under extensions and list it in service.extensions)`);
  return authenticator;
}
