import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, test } from 'vitest';
import { dependenciesWire } from '../../testing/apiWire.js';
import { apiError, stubApi } from '../../testing/fakeApi.js';
import { currentHref, renderRoute } from '../../testing/renderRoute.js';

// Bookinfo over the last hour, with productpage also calling ratings directly (an edge that skips reviews' column).
const BOOKINFO = dependenciesWire([
  { parent: 'productpage', child: 'details', calls: 4, p50Ms: 5.6, p99Ms: 6 },
  { parent: 'productpage', child: 'reviews', calls: 4, faults: 2, p50Ms: 35.7, p99Ms: 60.1 },
  { parent: 'productpage', child: 'ratings', calls: 1, errors: 1, p50Ms: 3, p99Ms: 3 },
  { parent: 'reviews', child: 'ratings', calls: 4, p50Ms: 7.51, p99Ms: 33 },
  { parent: 'ratings', child: 'mysql', calls: 2, virtual: true, p50Ms: 2, p99Ms: 2 },
]);

function stubMap(body: unknown = BOOKINFO) {
  return stubApi({ '/api/v1/dependencies': { body }, '/api/v1/traces': { body: { traces: [] } }, '/api/v1/services': { body: { services: [] } } });
}

function windowMillis(u: URL): number {
  return Number(u.searchParams.get('end')) - Number(u.searchParams.get('start'));
}

describe('Service map page', () => {
  test('draws every service and every call between them with its rate, latency and health', async () => {
    const api = stubMap();
    renderRoute('/map');
    const map = await screen.findByRole('img', { name: 'Service map with 5 services and 5 edges' });
    expect([...map.querySelectorAll('[data-node]')].map((n) => n.getAttribute('data-node'))).toEqual(['details', 'mysql', 'productpage', 'ratings', 'reviews']);
    const reviews = within(map).getByRole('link', { name: /^productpage calls reviews:/ });
    expect(reviews.getAttribute('aria-label')).toBe('productpage calls reviews: 4 calls, 4/h · p50 35.7ms · p99 60.1ms, 2 fault');
    expect(reviews.textContent).toContain('4/h · p50 35.7ms · p99 60.1ms');
    expect(reviews.classList.contains('health-fault')).toBe(true);
    expect(within(map).getByRole('link', { name: /^productpage calls ratings:/ }).classList.contains('health-error')).toBe(true);
    expect(within(map).getByRole('link', { name: /^reviews calls ratings:/ }).classList.contains('health-ok')).toBe(true);
    expect(within(map).getByRole('link', { name: 'mysql: 2 calls in' }).classList.contains('virtual')).toBe(true);
    expect(within(map).getByRole('link', { name: 'productpage: 0 calls in' }).textContent).toContain('entry point');
    // Every edge is a curve from its caller to its callee.
    for (const path of map.querySelectorAll('.edge-line')) expect(path.getAttribute('d')).toMatch(/^M [\d.]+ [\d.]+( C [\d.]+ [\d.]+, [\d.]+ [\d.]+, [\d.]+ [\d.]+)+$/);
    expect(windowMillis(api.calls('/api/v1/dependencies')[0])).toBe(3_600_000);
  });

  test('clicking an edge opens Search for the callee in traces through the caller', async () => {
    stubMap();
    const user = renderRoute('/map');
    await user.click(await screen.findByRole('link', { name: /^reviews calls ratings:/ }));
    expect(currentHref()).toBe('/search?service=ratings&via=reviews');
    expect((await screen.findByText(/Showing traces that also pass through/)).textContent).toContain('reviews');
  });

  test('clicking a service opens its traces; a service without spans opens its callers\u2019 client calls', async () => {
    stubMap();
    const user = renderRoute('/map?window=24h');
    await user.click(await screen.findByRole('link', { name: 'reviews: 4 calls in' }));
    expect(currentHref()).toBe('/search?service=reviews&lookback=24h');

    window.history.replaceState(null, '', '/map?window=24h');
    window.dispatchEvent(new PopStateEvent('popstate'));
    await user.click(await screen.findByRole('link', { name: 'mysql: 2 calls in' }));
    expect(currentHref()).toBe('/search?service=ratings&spanKind=CLIENT&lookback=24h');
  });

  test('an edge can be opened from the keyboard', async () => {
    stubMap();
    const user = renderRoute('/map');
    (await screen.findByRole('link', { name: /^productpage calls details:/ })).focus();
    await user.keyboard('{Enter}');
    expect(currentHref()).toBe('/search?service=details&via=productpage');
  });

  test('another window reloads the map over it, and Refresh asks again', async () => {
    const api = stubMap();
    const user = renderRoute('/map');
    await screen.findByRole('img', { name: /^Service map with/ });
    await user.selectOptions(screen.getByRole('combobox', { name: /^Window/ }), 'Last 6h');
    expect(currentHref()).toBe('/map?window=6h');
    await waitFor(() => expect(api.calls('/api/v1/dependencies')).toHaveLength(2));
    expect(windowMillis(api.calls('/api/v1/dependencies')[1])).toBe(6 * 3_600_000);
    // Edge rates follow the window: 4 calls in 6 hours.
    expect((await screen.findByRole('link', { name: /^productpage calls reviews:/ })).textContent).toContain('0.667/h · p50');
    await user.click(screen.getByRole('button', { name: 'Refresh' }));
    await waitFor(() => expect(api.calls('/api/v1/dependencies')).toHaveLength(3));
  });

  test('no calls in the window is an empty state', async () => {
    stubMap({ nodes: [], edges: [] });
    renderRoute('/map?window=15m');
    expect((await screen.findByText('No calls between services in the last 15m')).closest('[data-state="empty"]')).not.toBeNull();
    expect(screen.queryByRole('img', { name: /^Service map with/ })).toBeNull();
  });

  test('a failed load is an error state with the API error', async () => {
    stubApi({ '/api/v1/dependencies': apiError(500, 'SB_INTERNAL', 'store read failed') });
    renderRoute('/map');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The service map could not be loaded');
    expect(alert.textContent).toContain('store read failed (HTTP 500, SB_INTERNAL)');
  });
});
