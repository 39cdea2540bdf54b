import { describe, expect, test } from 'vitest';
import type { SearchQuery } from './searchQuery.js';
import { EMPTY_QUERY, isDurationText, parseAttributeFilter, searchApiParams, searchQueryFromParams, searchQueryToParams } from './searchQuery.js';
import { unixMillis } from './time.js';

describe('attribute filters', () => {
  test('equals, regex and exists, split at the first operator', () => {
    expect(parseAttributeFilter('http.response.status_code=500')).toEqual({ key: 'http.response.status_code', op: 'equals', value: '500' });
    expect(parseAttributeFilter('url.full~^https://.*=x')).toEqual({ key: 'url.full', op: 'regex', value: '^https://.*=x' });
    expect(parseAttributeFilter('error')).toEqual({ key: 'error', op: 'exists', value: '' });
    expect(parseAttributeFilter('=x')).toBeUndefined();
    expect(parseAttributeFilter('  ')).toBeUndefined();
  });
});

describe('search URL', () => {
  const query: SearchQuery = {
    ...EMPTY_QUERY,
    service: 'reviews',
    operation: 'GET /reviews',
    spanKind: 'SERVER',
    attributes: [
      { key: 'http.response.status_code', op: 'equals', value: '500' },
      { key: 'peer.service', op: 'exists', value: '' },
    ],
    minDuration: '100ms',
    lookback: '6h',
    limit: 50,
    via: 'productpage',
  };

  test('round-trips through URL parameters', () => {
    expect(searchQueryFromParams(searchQueryToParams(query))).toEqual(query);
    expect(searchQueryFromParams(new URLSearchParams(''))).toEqual(EMPTY_QUERY);
  });

  test('leaves defaults out of the URL', () => {
    expect(searchQueryToParams(EMPTY_QUERY).toString()).toBe('');
  });

  test('bad values fall back to defaults', () => {
    const q = searchQueryFromParams(new URLSearchParams('spanKind=BOGUS&limit=-3&lookback=3y&start=abc'));
    expect(q.spanKind).toBeUndefined();
    expect(q.limit).toBe(20);
    expect(q.lookback).toBe('1h');
    expect(q.start).toBeUndefined();
  });

  test('start/end without a lookback mean a custom range', () => {
    const q = searchQueryFromParams(new URLSearchParams('start=1000&end=2000'));
    expect(q).toMatchObject({ lookback: 'custom', start: 1000, end: 2000 });
  });
});

describe('API parameters', () => {
  const now = unixMillis(10_000_000);

  test('a lookback becomes start/end before now; the UI-only via is not sent', () => {
    const p = searchApiParams({ ...EMPTY_QUERY, service: 'a', lookback: '15m', via: 'b' }, now);
    expect(p.get('start')).toBe(String(10_000_000 - 900_000));
    expect(p.get('end')).toBe('10000000');
    expect(p.get('service')).toBe('a');
    expect(p.has('via')).toBe(false);
    expect(p.get('limit')).toBe('20');
  });

  test('any time sends no range; attributes repeat; the cursor is passed on', () => {
    const p = searchApiParams(
      { ...EMPTY_QUERY, lookback: 'all', attributes: [{ key: 'k', op: 'regex', value: 'v.*' }, { key: 'e', op: 'exists', value: '' }] },
      now,
      'next-page',
    );
    expect(p.has('start')).toBe(false);
    expect(p.getAll('attr')).toEqual(['k~v.*', 'e']);
    expect(p.get('cursor')).toBe('next-page');
  });
});

test('duration text accepts what the API documents', () => {
  for (const ok of ['', '250ms', '1.5s', '2m', '1500']) expect(isDurationText(ok)).toBe(true);
  for (const bad of ['fast', '1.5', '-2s', '10 ms', '3d']) expect(isDurationText(bad)).toBe(false);
});

test('duration text accepts every Go duration the API accepts, hours and microseconds included', () => {
  for (const ok of ['1h', '1h30m', '10us', '10µs', '500ns', '.5s', '0']) expect(isDurationText(ok)).toBe(true);
  for (const bad of ['1d', 'h', '1.2.3s', '9'.repeat(16)]) expect(isDurationText(bad)).toBe(false);
});
