import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, test } from 'vitest';
import { summaryWire, traceId } from '../../testing/apiWire.js';
import type { Routes } from '../../testing/fakeApi.js';
import { apiError, stubApi } from '../../testing/fakeApi.js';
import { currentHref, renderRoute } from '../../testing/renderRoute.js';

const FAILED = traceId(0xe1);
const OK = traceId(0xa1);
const OLD = traceId(0x01);

const failed = summaryWire({
  traceId: FAILED,
  rootService: 'productpage',
  rootOperation: 'GET /productpage',
  startMs: 2000,
  durationMs: 61,
  services: [
    { service: 'productpage', spanCount: 3, errorCount: 1 },
    { service: 'reviews', spanCount: 2, errorCount: 1 },
  ],
});
const ok = summaryWire({
  traceId: OK,
  rootService: 'productpage',
  rootOperation: 'GET /productpage',
  startMs: 1000,
  durationMs: 48,
  services: [
    { service: 'productpage', spanCount: 3, errorCount: 0 },
    { service: 'details', spanCount: 1, errorCount: 0 },
  ],
});
const old = summaryWire({
  traceId: OLD,
  rootService: 'details',
  rootOperation: 'GET /details/0',
  startMs: 0,
  durationMs: 1.5,
  services: [{ service: 'details', spanCount: 1, errorCount: 0 }],
});

const FORM_DATA: Routes = {
  '/api/v1/services': { body: { services: ['details', 'productpage', 'reviews'] } },
  '/api/v1/operations': { body: { operations: [{ name: 'GET /productpage', spanKind: 'SERVER' }] } },
};

function results(): HTMLElement[] {
  const list = within(screen.getByRole('region', { name: 'Search results' })).queryByRole('list');
  return list === null ? [] : within(list).getAllByRole('listitem');
}

function windowMillis(u: URL): number {
  return Number(u.searchParams.get('end')) - Number(u.searchParams.get('start'));
}

describe('Search page', () => {
  test('lists the traces the API answers, newest first, with span counts, errors and services', async () => {
    const api = stubApi({ ...FORM_DATA, '/api/v1/traces': { body: { traces: [failed, ok] } } });
    renderRoute('/search');
    await screen.findByText('2 traces');
    const [first, second] = results();
    expect(first.textContent).toContain('productpage: GET /productpage');
    expect(within(first).getByText('5 spans')).toBeTruthy();
    expect(within(first).getByText('2 errors')).toBeTruthy();
    expect(within(second).queryByText(/error/)).toBeNull();
    expect(within(second).getByRole('link', { name: /^productpage\s*: GET \/productpage$/ }).getAttribute('href')).toBe(`/trace/${OK}`);
    expect(second.textContent).toContain('details 1');

    const [request] = api.calls('/api/v1/traces');
    expect(request.searchParams.get('limit')).toBe('20');
    expect(request.searchParams.has('service')).toBe(false);
    expect(windowMillis(request)).toBe(3_600_000);
  });

  test('a submitted filter goes into the URL and the search', async () => {
    const api = stubApi({
      ...FORM_DATA,
      '/api/v1/traces': (u) => ({ body: { traces: u.searchParams.get('service') === 'reviews' ? [failed] : [failed, ok] } }),
    });
    const user = renderRoute('/search');
    await screen.findByText('2 traces');
    await screen.findByRole('option', { name: 'reviews' });

    await user.selectOptions(screen.getByRole('combobox', { name: /^Service/ }), 'reviews');
    await user.click(screen.getByRole('button', { name: '+ Add attribute filter' }));
    await user.type(screen.getByRole('textbox', { name: 'Attribute 1 key' }), 'http.response.status_code');
    await user.type(screen.getByRole('textbox', { name: 'Attribute 1 value' }), '503');
    await user.type(screen.getByRole('textbox', { name: /^Min duration/ }), '250ms');
    await user.selectOptions(screen.getByRole('combobox', { name: /^Time range/ }), 'Last 6 hours');
    await user.click(screen.getByRole('button', { name: 'Find traces' }));

    await screen.findByText('1 trace');
    expect(currentHref()).toBe('/search?service=reviews&attr=http.response.status_code%3D503&minDuration=250ms&lookback=6h');
    const last = api.calls('/api/v1/traces').at(-1) as URL;
    expect(last.searchParams.get('service')).toBe('reviews');
    expect(last.searchParams.getAll('attr')).toEqual(['http.response.status_code=503']);
    expect(last.searchParams.get('minDuration')).toBe('250ms');
    expect(windowMillis(last)).toBe(6 * 3_600_000);
    expect(results().map((r) => r.getAttribute('data-trace-id'))).toEqual([FAILED]);
  });

  test('a duration the API would refuse is explained and cannot be submitted', async () => {
    stubApi({ ...FORM_DATA, '/api/v1/traces': { body: { traces: [] } } });
    const user = renderRoute('/search');
    await user.type(screen.getByRole('textbox', { name: /^Max duration/ }), 'fast');
    expect(screen.getByRole('alert').textContent).toMatch(/^Max duration: use 250ms/);
    expect((screen.getByRole('button', { name: 'Find traces' }) as HTMLButtonElement).disabled).toBe(true);
  });

  test('"Load more" pages on with the cursor over the same time window', async () => {
    const api = stubApi({
      ...FORM_DATA,
      '/api/v1/traces': (u) => ({ body: u.searchParams.get('cursor') === 'page-2' ? { traces: [old] } : { traces: [failed, ok], nextCursor: 'page-2' } }),
    });
    const user = renderRoute('/search');
    await screen.findByText('2 traces (more available)');
    await user.click(screen.getByRole('button', { name: 'Load more' }));
    await screen.findByText('3 traces');
    expect(results().map((r) => r.getAttribute('data-trace-id'))).toEqual([FAILED, OK, OLD]);
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
    const [first, second] = api.calls('/api/v1/traces');
    expect(second.searchParams.get('cursor')).toBe('page-2');
    expect([second.searchParams.get('start'), second.searchParams.get('end')]).toEqual([first.searchParams.get('start'), first.searchParams.get('end')]);
  });

  test('two ticked traces can be compared', async () => {
    stubApi({ ...FORM_DATA, '/api/v1/traces': { body: { traces: [failed, ok, old] } } });
    const user = renderRoute('/search');
    await screen.findByText('3 traces');
    expect(screen.queryByRole('link', { name: 'Compare selected' })).toBeNull();
    await user.click(screen.getByRole('checkbox', { name: `Select trace ${OK} to compare` }));
    await user.click(screen.getByRole('checkbox', { name: `Select trace ${FAILED} to compare` }));
    expect(screen.getByRole('link', { name: 'Compare selected' }).getAttribute('href')).toBe(`/compare?a=${OK}&b=${FAILED}`);
  });

  test('a search from a map edge keeps only the traces that also pass through the caller', async () => {
    const api = stubApi({ ...FORM_DATA, '/api/v1/traces': { body: { traces: [failed, ok] } } });
    renderRoute('/search?service=productpage&via=reviews');
    await screen.findByText('1 trace');
    expect(screen.getByText(/Showing traces that also pass through/).textContent).toContain('reviews');
    expect(results().map((r) => r.getAttribute('data-trace-id'))).toEqual([FAILED]);
    expect(api.calls('/api/v1/traces')[0].searchParams.has('via')).toBe(false);
  });

  test('no match is an empty state', async () => {
    stubApi({ ...FORM_DATA, '/api/v1/traces': { body: { traces: [] } } });
    renderRoute('/search?service=details&minDuration=1m');
    expect((await screen.findByText('No traces match')).closest('[data-state="empty"]')).not.toBeNull();
    expect((screen.getByRole('combobox', { name: /^Service/ }) as HTMLSelectElement).value).toBe('details');
  });

  test("the API's refusal is shown with its status, code and message", async () => {
    stubApi({ ...FORM_DATA, '/api/v1/traces': apiError(400, 'SB_MALFORMED', "parameter 'attr': x~( is not a valid regex") });
    renderRoute(`/search?attr=${encodeURIComponent('x~(')}`);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The search failed');
    expect(alert.textContent).toContain("parameter 'attr': x~( is not a valid regex (HTTP 400, SB_MALFORMED)");
  });

  test('services that cannot be loaded leave the form usable', async () => {
    stubApi({ '/api/v1/traces': { body: { traces: [ok] } }, '/api/v1/services': apiError(500, 'SB_INTERNAL', 'store read failed') });
    renderRoute('/search');
    await screen.findByText('Services could not be loaded.');
    await waitFor(() => expect(results()).toHaveLength(1));
    expect((screen.getByRole('button', { name: 'Find traces' }) as HTMLButtonElement).disabled).toBe(false);
  });
});
