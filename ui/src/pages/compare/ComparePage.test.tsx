import { screen, within } from '@testing-library/react';
import { describe, expect, test } from 'vitest';
import { otlpTraceWire, traceId } from '../../testing/apiWire.js';
import { bookinfoSpans } from '../../testing/bookinfoTrace.js';
import type { Routes } from '../../testing/fakeApi.js';
import { apiError, stubApi } from '../../testing/fakeApi.js';
import { currentHref, renderRoute } from '../../testing/renderRoute.js';

const A = traceId(0xaaa);
const B = traceId(0xbbb);

// The same request twice: B's reviews took 25ms longer and its ratings call failed.
const BOTH: Routes = {
  [`/api/v1/traces/${A}`]: { body: otlpTraceWire(A, bookinfoSpans()) },
  [`/api/v1/traces/${B}`]: { body: otlpTraceWire(B, bookinfoSpans({ slowerReviewsMs: 25, ratingsError: 'upstream connect error' })) },
};

function tableRows(testId: string): string[][] {
  const body = screen.getByTestId(testId).querySelector('tbody') as HTMLElement;
  return within(body)
    .getAllByRole('row')
    .map((tr) => within(tr).getAllByRole('cell').map((td) => td.textContent ?? ''));
}

describe('Compare page', () => {
  test('shows both traces side by side, with spans per service and the differences per operation', async () => {
    stubApi(BOTH);
    renderRoute(`/compare?a=${A}&b=${B}`);
    await screen.findByTestId('compare-services');
    const [cardA, cardB] = [...document.querySelectorAll<HTMLElement>('.compare-card')];
    expect(cardA.getAttribute('data-side')).toBe('A');
    expect(within(cardA).getByRole('link', { name: A }).getAttribute('href')).toBe(`/trace/${A}`);
    expect(cardA.textContent).toContain('48ms · 8 spans · 4 services · 0 errors');
    expect(within(cardB).getByRole('link', { name: B }).getAttribute('href')).toBe(`/trace/${B}`);
    expect(cardB.textContent).toContain('73ms · 8 spans · 4 services · 1 errors');
    expect(document.querySelector('.compare-summary')?.textContent).toBe('B is +25ms against A, with 0 spans.');

    expect(tableRows('compare-services')).toEqual([
      ['details', '1', '1', '0'],
      ['productpage', '3', '3', '0'],
      ['ratings', '1', '1', '0'],
      ['reviews', '3', '3', '0'],
    ]);
    const reviews = tableRows('compare-operations').find((r) => r[1] === 'GET /reviews/0');
    expect(reviews).toEqual(['reviews', 'GET /reviews/0', '1', '1', '0', '29ms', '54ms', '+25ms']);
  });

  test('"only differences" hides the operations that did not change', async () => {
    stubApi(BOTH);
    const user = renderRoute(`/compare?a=${A}&b=${B}`);
    await screen.findByTestId('compare-operations');
    expect(tableRows('compare-operations')).toHaveLength(8);
    await user.click(screen.getByRole('checkbox', { name: /only differences/ }));
    expect(tableRows('compare-operations').map((r) => r[1])).toEqual(['GET /productpage', 'reviews.get', 'GET /reviews/0', 'reviews.default.svc.cluster.local:9080/*']);
  });

  test('without two trace ids it asks for them, and the form opens the comparison', async () => {
    stubApi(BOTH);
    const user = renderRoute(`/compare?a=${A}`);
    expect(screen.getByText('Pick two traces to compare').closest('[data-state="empty"]')).not.toBeNull();
    expect((screen.getByRole('textbox', { name: /^Trace A/ }) as HTMLInputElement).value).toBe(A);
    await user.type(screen.getByRole('textbox', { name: /^Trace B/ }), `  ${B.toUpperCase()} `);
    await user.click(screen.getByRole('button', { name: 'Compare' }));
    expect(currentHref()).toBe(`/compare?a=${A}&b=${B}`);
    expect(await screen.findByTestId('compare-services')).toBeTruthy();
  });

  test('a trace that does not exist is named in the error', async () => {
    stubApi({ ...BOTH, [`/api/v1/traces/${B}`]: apiError(404, 'SB_NOT_FOUND', `trace ${B} not found`) });
    renderRoute(`/compare?a=${A}&b=${B}`);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain(`Trace B (${B}) was not found`);
    expect(alert.textContent).toContain('(HTTP 404, SB_NOT_FOUND)');
    expect(screen.queryByTestId('compare-services')).toBeNull();
  });

  test('a trace that cannot be loaded says which side failed', async () => {
    stubApi({ ...BOTH, [`/api/v1/traces/${A}`]: apiError(500, 'SB_INTERNAL', 'store read failed') });
    renderRoute(`/compare?a=${A}&b=${B}`);
    expect((await screen.findByRole('alert')).textContent).toContain('Trace A could not be loaded');
  });
});
