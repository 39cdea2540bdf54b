import type { CallResult } from './callService.js';

/** A request as a Bookinfo handler sees it. */
export interface AppRequest {
  /** Path with query. */
  path: string;
  /** Calls another service through the sidecar, in a CLIENT span. */
  call(service: string, path: string): Promise<CallResult>;
}

export interface AppResponse {
  status: number;
  body: unknown;
  /** For 5xx: the SERVER span's status message. */
  error?: string;
}

/** One Bookinfo service's application logic. */
export interface AppHandler {
  /** The route template of a path (`/reviews/{id}`), for the span name and `http.route`; undefined = not found. */
  route(path: string): string | undefined;
  handle(request: AppRequest): Promise<AppResponse>;
}
