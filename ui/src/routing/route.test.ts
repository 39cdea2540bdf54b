import { describe, expect, test } from 'vitest';
import { EMPTY_QUERY } from '../model/searchQuery.js';
import { compareHref, mapHref, parseRoute, searchHref, traceHref } from './route.js';

const ID = '0af7651916cd43dd8448eb211c80319c';

describe('parseRoute', () => {
  test('deep links to a trace and a span (ids lower-cased)', () => {
    expect(parseRoute(`/trace/${ID.toUpperCase()}`, '?span=B7AD6B7169203331')).toEqual({ page: 'trace', traceId: ID, spanId: 'b7ad6b7169203331' });
    expect(parseRoute(`/trace/${ID}/`, '')).toEqual({ page: 'trace', traceId: ID, spanId: undefined });
  });

  test('search at / and /search, with its query', () => {
    expect(parseRoute('/', '')).toEqual({ page: 'search', query: EMPTY_QUERY });
    const r = parseRoute('/search', '?service=reviews&attr=http.response.status_code%3D500');
    expect(r.page === 'search' && r.query.service).toBe('reviews');
    expect(r.page === 'search' && r.query.attributes).toEqual([{ key: 'http.response.status_code', op: 'equals', value: '500' }]);
  });

  test('map window and compare ids', () => {
    expect(parseRoute('/map', '?window=6h')).toEqual({ page: 'map', window: '6h' });
    expect(parseRoute('/map', '?window=1y')).toEqual({ page: 'map', window: '1h' });
    expect(parseRoute('/compare', `?a=${ID}&b=`)).toEqual({ page: 'compare', a: ID, b: undefined });
  });

  test('anything else is not found', () => {
    expect(parseRoute('/nope', '')).toEqual({ page: 'notFound', path: '/nope' });
  });
});

describe('hrefs round-trip through parseRoute', () => {
  test('each builder gives a URL that parses back to the same page', () => {
    const parse = (href: string) => {
      const u = new URL(href, 'http://x');
      return parseRoute(u.pathname, u.search);
    };
    expect(parse(traceHref(ID, 'b7ad6b7169203331'))).toEqual({ page: 'trace', traceId: ID, spanId: 'b7ad6b7169203331' });
    expect(parse(searchHref({ ...EMPTY_QUERY, service: 'a b', via: 'c' }))).toEqual({ page: 'search', query: { ...EMPTY_QUERY, service: 'a b', via: 'c' } });
    expect(parse(mapHref('24h'))).toEqual({ page: 'map', window: '24h' });
    expect(parse(compareHref(ID, ID))).toEqual({ page: 'compare', a: ID, b: ID });
  });
});
