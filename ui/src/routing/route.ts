import type { SearchQuery } from '../model/searchQuery.js';
import { searchQueryFromParams, searchQueryToParams } from '../model/searchQuery.js';

export const MAP_WINDOWS = ['15m', '1h', '6h', '24h', '7d'] as const;
export type MapWindow = (typeof MAP_WINDOWS)[number];

/** The pages and their deep links: /search?..., /trace/<id>?span=<spanId>, /map, /compare?a=<id>&b=<id>. */
export type Route =
  | { readonly page: 'search'; readonly query: SearchQuery }
  | { readonly page: 'trace'; readonly traceId: string; readonly spanId: string | undefined }
  | { readonly page: 'map'; readonly window: MapWindow }
  | { readonly page: 'compare'; readonly a: string | undefined; readonly b: string | undefined }
  | { readonly page: 'notFound'; readonly path: string };

export function parseRoute(pathname: string, search: string): Route {
  const params = new URLSearchParams(search);
  const path = pathname.replace(/\/+$/, '') || '/';
  if (path === '/' || path === '/search') return { page: 'search', query: searchQueryFromParams(params) };
  const trace = /^\/trace\/([^/]+)$/.exec(path);
  if (trace) return { page: 'trace', traceId: decodeURIComponent(trace[1]).toLowerCase(), spanId: params.get('span')?.toLowerCase() || undefined };
  if (path === '/map') {
    const w = params.get('window');
    return { page: 'map', window: MAP_WINDOWS.find((x) => x === w) ?? '1h' };
  }
  if (path === '/compare') {
    return { page: 'compare', a: params.get('a')?.trim().toLowerCase() || undefined, b: params.get('b')?.trim().toLowerCase() || undefined };
  }
  return { page: 'notFound', path: pathname };
}

function withQuery(path: string, params: URLSearchParams): string {
  const q = params.toString();
  return q === '' ? path : `${path}?${q}`;
}

export function searchHref(query: SearchQuery): string {
  return withQuery('/search', searchQueryToParams(query));
}

export function traceHref(traceId: string, spanId?: string): string {
  return withQuery(`/trace/${encodeURIComponent(traceId)}`, new URLSearchParams(spanId ? { span: spanId } : {}));
}

export function mapHref(window?: MapWindow): string {
  return withQuery('/map', new URLSearchParams(window && window !== '1h' ? { window } : {}));
}

export function compareHref(a?: string, b?: string): string {
  const p = new URLSearchParams();
  if (a) p.set('a', a);
  if (b) p.set('b', b);
  return withQuery('/compare', p);
}
