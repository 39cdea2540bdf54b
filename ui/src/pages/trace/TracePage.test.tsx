import { screen, within } from '@testing-library/react';
import { describe, expect, test } from 'vitest';
import { otlpTraceWire, traceId } from '../../testing/apiWire.js';
import { SPANS, bookinfoSpans } from '../../testing/bookinfoTrace.js';
import { apiError, stubApi } from '../../testing/fakeApi.js';
import { currentHref, renderRoute } from '../../testing/renderRoute.js';

const TRACE = traceId(0xb00c);

function stubTrace(): void {
  stubApi({ [`/api/v1/traces/${TRACE}`]: { body: otlpTraceWire(TRACE, bookinfoSpans({ ratingsError: 'upstream connect error' })) } });
}

/** The waterfall rows in the DOM, in the order shown. */
function rows(): HTMLElement[] {
  return within(screen.getByRole('treegrid', { name: 'Trace timeline' })).queryAllByRole('row');
}

function row(spanId: string): HTMLElement {
  return rows().find((r) => r.getAttribute('data-span-id') === spanId) as HTMLElement;
}

describe('Trace page', () => {
  test("shows the trace's facts and every span as a row of the tree, in order", async () => {
    stubTrace();
    renderRoute(`/trace/${TRACE}`);
    await screen.findByRole('treegrid', { name: 'Trace timeline' });
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('productpage: GET /productpage');
    expect(screen.getByTestId('trace-id').textContent).toBe(TRACE);
    expect(screen.getByTestId('span-count').textContent).toBe('8');
    expect(rows().map((r) => r.getAttribute('data-span-id'))).toEqual([
      SPANS.productpage,
      SPANS.reviewsCall,
      SPANS.reviewsSidecar,
      SPANS.reviews,
      SPANS.ratingsCall,
      SPANS.ratings,
      SPANS.detailsCall,
      SPANS.details,
    ]);
    expect(row(SPANS.ratings).getAttribute('aria-level')).toBe('6');
    expect(within(row(SPANS.reviewsSidecar)).getByText('sidecar')).toBeTruthy();
    expect(within(row(SPANS.ratings)).getByLabelText('error')).toBeTruthy();
    expect(screen.getByTestId('row-count').textContent).toBe('8 of 8 spans shown');
  });

  test('the mesh hops table splits the sidecar hop into application and mesh time', async () => {
    stubTrace();
    renderRoute(`/trace/${TRACE}`);
    const hops = await screen.findByTestId('mesh-hops');
    const [hop] = within(hops).getAllByRole('row').slice(1);
    expect(hop.textContent).toMatch(/^productpage → reviews/);
    // The sidecar span lasts 33ms and its application span 29ms of it.
    expect(within(hop).getAllByRole('cell').map((c) => c.textContent)).toEqual(expect.arrayContaining(['33ms', '29ms', '4ms']));
  });

  test('a node collapses its subtree and expands it again', async () => {
    stubTrace();
    const user = renderRoute(`/trace/${TRACE}`);
    await screen.findByRole('treegrid', { name: 'Trace timeline' });
    await user.click(screen.getByRole('button', { name: 'Collapse reviews.get' }));
    expect(rows().map((r) => r.getAttribute('data-span-id'))).toEqual([SPANS.productpage, SPANS.reviewsCall, SPANS.detailsCall, SPANS.details]);
    expect(row(SPANS.reviewsCall).getAttribute('aria-expanded')).toBe('false');
    expect(within(row(SPANS.reviewsCall)).getByText('+4')).toBeTruthy();
    expect(screen.getByTestId('row-count').textContent).toBe('4 of 8 spans shown');

    await user.click(screen.getByRole('button', { name: 'Expand reviews.get' }));
    expect(rows()).toHaveLength(8);
    await user.click(screen.getByRole('button', { name: 'Collapse all' }));
    expect(rows().map((r) => r.getAttribute('data-span-id'))).toEqual([SPANS.productpage]);
  });

  test('clicking a row opens its details and puts the span in the URL', async () => {
    stubTrace();
    const user = renderRoute(`/trace/${TRACE}`);
    await screen.findByRole('treegrid', { name: 'Trace timeline' });
    await user.click(row(SPANS.ratings));
    const details = screen.getByRole('complementary', { name: 'Span details' });
    expect(currentHref()).toBe(`/trace/${TRACE}?span=${SPANS.ratings}`);
    expect(row(SPANS.ratings).getAttribute('aria-selected')).toBe('true');
    expect(details.textContent).toContain('ERROR — upstream connect error');
    const attributes = within(details).getByRole('table', { name: 'Attributes' });
    expect(within(attributes).getByRole('rowheader', { name: 'http.response.status_code' }).nextElementSibling?.textContent).toBe('503int');
    expect(within(details).getByRole('table', { name: 'Resource attributes' }).textContent).toContain('ratings-v1-5d8f');

    await user.click(within(details).getByRole('button', { name: `${SPANS.ratingsCall} (ratings.get)` }));
    expect(currentHref()).toBe(`/trace/${TRACE}?span=${SPANS.ratingsCall}`);
    await user.click(screen.getByRole('button', { name: 'Close span details' }));
    expect(currentHref()).toBe(`/trace/${TRACE}`);
    expect(screen.queryByRole('complementary', { name: 'Span details' })).toBeNull();
  });

  test('a deep link to a span inside a collapsed subtree reveals and selects it', async () => {
    stubTrace();
    const user = renderRoute(`/trace/${TRACE}`);
    await screen.findByRole('treegrid', { name: 'Trace timeline' });
    await user.click(screen.getByRole('button', { name: 'Collapse all' }));
    window.history.pushState(null, '', `/trace/${TRACE}?span=${SPANS.reviewsSidecar}`);
    window.dispatchEvent(new PopStateEvent('popstate'));
    const details = await screen.findByRole('complementary', { name: 'Span details' });
    expect(details.getAttribute('data-span-id')).toBe(SPANS.reviewsSidecar);
    expect(within(details).getByTestId('mesh-split').textContent).toContain('Application 29ms · mesh 4ms');
    expect(row(SPANS.reviewsSidecar).getAttribute('aria-selected')).toBe('true');
  });

  test('an unknown trace is a not-found error', async () => {
    stubApi({ [`/api/v1/traces/${TRACE}`]: apiError(404, 'SB_NOT_FOUND', `trace ${TRACE} not found`) });
    renderRoute(`/trace/${TRACE}`);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain(`Trace ${TRACE} was not found`);
    expect(alert.textContent).toContain('(HTTP 404, SB_NOT_FOUND)');
    expect(within(alert).getByRole('link', { name: 'Back to search' }).getAttribute('href')).toBe('/search');
  });

  test('a trace without spans is an empty state', async () => {
    stubApi({ [`/api/v1/traces/${TRACE}`]: { body: { resourceSpans: [] } } });
    renderRoute(`/trace/${TRACE}`);
    expect((await screen.findByText(`Trace ${TRACE} has no spans`)).closest('[data-state="empty"]')).not.toBeNull();
  });

  test('an answer that is not a trace is reported, naming what was wrong', async () => {
    stubApi({ [`/api/v1/traces/${TRACE}`]: { body: { resourceSpans: [{ scopeSpans: [{ spans: [{ traceId: TRACE, spanId: 'short' }] }] }] } } });
    renderRoute(`/trace/${TRACE}`);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The trace could not be loaded');
    expect(alert.textContent).toContain('spans[0].spanId: expected 16 hex digits');
  });
});
