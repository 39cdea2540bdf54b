// Loaded by the query thread (src/query/queryWorker.ts), which cannot import the extensions itself (components stay
// apart, eslint.config.js): it starts, in that thread, the authenticator extension the `query.auth` section names, from
// the same checked config as the main thread's copy, so that both answer the same credentials (docs/threads.md).
import type { Logger } from 'pino';
import { factories } from '../components.js';
import type { HttpAuthenticator } from '../http/authentication.js';
import { startExtension } from '../pipeline/extensions.js';
import type { Telemetry } from '../telemetry/telemetry.js';

export interface ThreadAuthenticator {
  authenticator: HttpAuthenticator;
  shutdown(): Promise<void>;
}

/** Starts the authenticator extension `id` with `config`; refuses one that offers no authenticator. */
export async function startThreadAuthenticator(id: string, config: unknown, logger: Logger, telemetry: Telemetry): Promise<ThreadAuthenticator> {
  const extension = await startExtension(id, config, { factories, logger, telemetry });
  const authenticator = extension.authenticator;
  if (authenticator === undefined) {
    await extension.shutdown();
    throw new Error(`extension ${id} is no authenticator`);
  }
  return { authenticator, shutdown: () => extension.shutdown() };
}
