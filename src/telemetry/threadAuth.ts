// An authenticator extension started inside a worker thread (the query thread, the telemetry thread). A thread cannot
// import the extensions itself (components stay apart, eslint.config.js), so the app names a module by URL that does
// (src/app/threadAuthenticator.ts); the thread starts its own copy from the same checked config as the main thread's,
// so that both accept the same credentials (docs/threads.md).
import type { Logger } from 'pino';
import type { HttpAuthenticator } from '../http/authentication.js';
import type { Telemetry } from './telemetry.js';

/**
 * What a thread is given to start an authenticator: `module` (a URL) exports `startThreadAuthenticator(id, config,
 * logger, telemetry)` resolving to `{ authenticator, shutdown }`; `config` is the extension's checked config.
 */
export interface ThreadAuth {
  module: string;
  id: string;
  config: unknown;
}

export interface StartedThreadAuth {
  authenticator: HttpAuthenticator;
  shutdown(): Promise<void>;
}

/** Imports `auth.module` and starts the extension it names, in the calling thread. */
export async function startThreadAuth(auth: ThreadAuth, logger: Logger, telemetry: Telemetry): Promise<StartedThreadAuth> {
  const loader = (await import(auth.module)) as {
    startThreadAuthenticator(id: string, config: unknown, l: Logger, t: Telemetry): Promise<StartedThreadAuth>;
  };
  return loader.startThreadAuthenticator(auth.id, auth.config, logger, telemetry);
}
