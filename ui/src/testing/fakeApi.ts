import { vi } from 'vitest';

/** What the fake query server answers: a JSON body with a status (200 when left out). */
export interface Answer {
  readonly status?: number;
  readonly body: unknown;
}

/** Answers by path (`/api/v1/traces`): a fixed answer, or one that depends on the request URL. */
export type Routes = Readonly<Record<string, Answer | ((url: URL) => Answer)>>;

export interface FakeApi {
  /** The URLs of the requests to `path`, oldest first. */
  calls(path: string): URL[];
}

/**
 * Replaces `fetch` with a query server answering `routes` the way the real one does (docs/api-native.md); any other
 * path answers 404 with the API's error body. The page tests' setup puts the real `fetch` back after each test.
 */
export function stubApi(routes: Routes): FakeApi {
  const requests: URL[] = [];
  const fake = async (input: RequestInfo | URL): Promise<Response> => {
    const url = new URL(input instanceof Request ? input.url : String(input), window.location.origin);
    requests.push(url);
    const route = routes[url.pathname];
    const answer = route === undefined ? notFound(url) : typeof route === 'function' ? route(url) : route;
    return new Response(JSON.stringify(answer.body), { status: answer.status ?? 200, headers: { 'content-type': 'application/json' } });
  };
  vi.stubGlobal('fetch', vi.fn(fake));
  return { calls: (path) => requests.filter((u) => u.pathname === path) };
}

/** The API's error body. */
export function apiError(status: number, code: string, message: string): Answer {
  return { status, body: { error: { code, message } } };
}

function notFound(url: URL): Answer {
  return apiError(404, 'SB_NOT_FOUND', `no route ${url.pathname}`);
}
