// Loaded by the worker threads that serve HTTP with auth (the query thread, the telemetry thread), which cannot import
// the extensions themselves (components stay apart, eslint.config.js): it starts, in that thread, the authenticator
// extension a listener's `auth` section names, from the same checked config as the main thread's copy, so that both
// answer the same credentials (src/telemetry/threadAuth.ts, docs/threads.md).
import type { Logger } from 'pino';
import { factories } from '../components.js';
import { startExtension } from '../pipeline/extensions.js';
import type { Telemetry } from '../telemetry/telemetry.js';
import type { StartedThreadAuth } from '../telemetry/threadAuth.js';

/** Starts the authenticator extension `id` with `config`; refuses one that offers no authenticator. */
export async function startThreadAuthenticator(id: string, config: unknown, logger: Logger, telemetry: Telemetry): Promise<StartedThreadAuth> {
  const extension = await startExtension(id, config, { factories, logger, telemetry });
  const authenticator = extension.authenticator;
  if (authenticator === undefined) {
    await extension.shutdown();
    throw new Error(`extension ${id} is no authenticator`);
  }
  return { authenticator, shutdown: () => extension.shutdown() };
}
