import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { ZIPKIN_ORIGINAL_SPAN_ID, ZIPKIN_SHARED } from '../../model/attributeNames.js';
import type { AnyValue } from '../../model/span.js';
import { SpanKind, StatusCode } from '../../model/span.js';
import { createReferenceLinker } from '../../../test/store/referenceLinker.js';
import { testSpan } from '../../../test/store/testSpans.js';
import { createDependencyLinker, type DependencyLinker, type EdgeCall } from './dependencyLinker.js';
import { linkableSpan, type LinkableSpan } from './linkableSpan.js';

const GRACE = 1000;
const TRACE = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';

interface Opts {
  parent?: string;
  attrs?: Record<string, AnyValue>;
  status?: StatusCode;
  links?: { traceId: string; spanId: string }[];
  traceId?: string;
}

function observe(linker: DependencyLinker, now: number, service: string, kind: SpanKind, spanId: string, o: Opts = {}): EdgeCall[] {
  const span = testSpan({
    service, traceId: o.traceId ?? TRACE, spanId, parentSpanId: o.parent ?? '', name: 'op', kind, startNanos: 1_000_000_000n, durationNanos: 5_000_000n,
    attributes: o.attrs ?? {}, status: o.status ?? StatusCode.UNSET, links: o.links ?? [],
  });
  const calls: EdgeCall[] = [];
  const linkable = linkableSpan(span, service);
  if (linkable !== undefined) linker.observe(linkable, now, (c) => calls.push(c));
  return calls;
}

function expire(linker: DependencyLinker, now: number): EdgeCall[] {
  const calls: EdgeCall[] = [];
  linker.expire(now, (c) => calls.push(c));
  return calls;
}

const edges = (calls: EdgeCall[]) => calls.map((c) => `${c.parent}->${c.child}${c.virtual ? '*' : ''}:${c.outcome}`);
const id = (n: number) => n.toString(16).padStart(16, '0');
const linker = () => createDependencyLinker({ graceMillis: GRACE, maxPending: 10_000 });

describe('dependency linker', () => {
  test('pairs CLIENT and SERVER in either order; the call carries the caller span and the outcome of both sides', () => {
    const l = linker();
    assert.deepEqual(observe(l, 0, 'a', SpanKind.CLIENT, id(1), { attrs: { 'http.response.status_code': 503n } }), []);
    const calls = observe(l, 10, 'b', SpanKind.SERVER, id(2), { parent: id(1) });
    assert.deepEqual(calls, [{ parent: 'a', child: 'b', virtual: false, startNanos: 1_000_000_000n, durationNanos: 5_000_000n, outcome: 'fault' }]);
    assert.deepEqual(observe(l, 20, 'd', SpanKind.SERVER, id(4), { parent: id(3), status: StatusCode.ERROR }), []);
    assert.deepEqual(edges(observe(l, 30, 'c', SpanKind.CLIENT, id(3))), ['c->d:error']);
    assert.deepEqual(edges(expire(l, 10 * GRACE)), []);
  });

  test('a caller without a partner is a call to its virtual peer after one to two grace periods, not before', () => {
    const l = linker();
    observe(l, 0, 'a', SpanKind.CLIENT, id(1), { attrs: { 'peer.service': 'db' } });
    assert.deepEqual(expire(l, GRACE - 1), []);
    const byTwo = [...expire(l, GRACE), ...expire(l, 2 * GRACE)];
    assert.deepEqual(edges(byTwo), ['a->db*:ok']);
    assert.deepEqual(expire(l, 5 * GRACE), []);
  });

  test('a partner arriving within the grace period still pairs, and then no virtual call follows', () => {
    const l = linker();
    observe(l, 0, 'a', SpanKind.CLIENT, id(1), { attrs: { 'peer.service': 'b' } });
    expire(l, GRACE + 10);
    assert.deepEqual(edges(observe(l, GRACE + 20, 'b', SpanKind.SERVER, id(2), { parent: id(1) })), ['a->b:ok']);
    assert.deepEqual([...expire(l, 3 * GRACE), ...expire(l, 5 * GRACE)], []);
  });

  test('Istio: app CLIENT -> sidecar CLIENT -> sidecar SERVER -> app SERVER is one call, in any arrival order', () => {
    const spans: [string, SpanKind, string, string | undefined][] = [
      ['a', SpanKind.CLIENT, id(1), undefined],
      ['a', SpanKind.CLIENT, id(2), id(1)],
      ['b', SpanKind.SERVER, id(3), id(2)],
      ['b', SpanKind.SERVER, id(4), id(3)],
    ];
    for (const order of [[0, 1, 2, 3], [3, 2, 1, 0], [2, 0, 3, 1]]) {
      const l = linker();
      const calls = order.flatMap((i, t) => {
        const [service, kind, spanId, parent] = spans[i] as (typeof spans)[number];
        return observe(l, t, service, kind, spanId, { parent, attrs: { 'peer.service': 'b' } });
      });
      calls.push(...expire(l, 3 * GRACE), ...expire(l, 5 * GRACE));
      assert.deepEqual(edges(calls), ['a->b:ok'], `order ${order.join(',')}`);
    }
  });

  test('unnormalized sidecars: CLIENT(a) -> CLIENT(b) is the call, and the inbound CLIENT is no caller', () => {
    for (const first of ['out', 'in']) {
      const l = linker();
      const out = () => observe(l, 0, 'a', SpanKind.CLIENT, id(1), { attrs: { 'peer.service': 'b' } });
      const inbound = () => observe(l, 1, 'b', SpanKind.CLIENT, id(2), { parent: id(1), attrs: { 'server.address': '10.0.0.1' } });
      const calls = first === 'out' ? [...out(), ...inbound()] : [...inbound(), ...out()];
      calls.push(...expire(l, 3 * GRACE), ...expire(l, 5 * GRACE));
      assert.deepEqual(edges(calls), ['a->b:ok'], first);
    }
  });

  test('pairs inside one service make no edge and settle the caller', () => {
    const l = linker();
    const calls = [
      ...observe(l, 0, 'a', SpanKind.CLIENT, id(1), { attrs: { 'peer.service': 'x' } }),
      ...observe(l, 1, 'a', SpanKind.SERVER, id(2), { parent: id(1) }),
      ...expire(l, 3 * GRACE),
      ...expire(l, 5 * GRACE),
    ];
    assert.deepEqual(calls, []);
  });

  test('PRODUCER pairs with CONSUMERs by parent or link, once per consumer', () => {
    const l = linker();
    const other = 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb';
    const calls = [
      ...observe(l, 0, 'c1', SpanKind.CONSUMER, id(2), { parent: id(1), links: [{ traceId: TRACE, spanId: id(1) }] }),
      ...observe(l, 1, 'p', SpanKind.PRODUCER, id(1)),
      ...observe(l, 2, 'c2', SpanKind.CONSUMER, id(3), { traceId: other, links: [{ traceId: TRACE, spanId: id(1) }] }),
      ...observe(l, 3, 'c3', SpanKind.SERVER, id(4), { parent: id(1) }),
    ];
    assert.deepEqual(edges(calls), ['p->c1:ok', 'p->c2:ok']);
  });

  test('no virtual call without a peer name, or to the caller itself, or from kinds that do not call', () => {
    const l = linker();
    observe(l, 0, 'a', SpanKind.CLIENT, id(1));
    observe(l, 0, 'a', SpanKind.CLIENT, id(2), { attrs: { 'peer.service': 'a' } });
    observe(l, 0, 'a', SpanKind.INTERNAL, id(3), { attrs: { 'peer.service': 'z' } });
    observe(l, 0, 'a', SpanKind.SERVER, id(4), { attrs: { 'peer.service': 'z' } });
    assert.deepEqual([...expire(l, 3 * GRACE), ...expire(l, 5 * GRACE)], []);
  });

  test('memory is bounded: past maxPending, the oldest callers go early (as virtual calls) and waiting callees are dropped', () => {
    const l = createDependencyLinker({ graceMillis: GRACE, maxPending: 10 });
    let virtual = 0;
    for (let i = 1; i <= 100; i++) virtual += observe(l, 0, 'a', SpanKind.CLIENT, id(i), { attrs: { 'peer.service': 'db' } }).length;
    for (let i = 1; i <= 100; i++) virtual += observe(l, 0, 'b', SpanKind.SERVER, id(1000 + i), { parent: id(5000 + i) }).length;
    const { callers, callees } = l.pending();
    assert.ok(callers + callees <= 10, `${callers} + ${callees} pending`);
    assert.equal(virtual + callers, 100);
  });

  test('expireAll ends every wait at once', () => {
    const l = linker();
    observe(l, 0, 'a', SpanKind.CLIENT, id(1), { attrs: { 'peer.service': 'db' } });
    observe(l, 0, 'b', SpanKind.PRODUCER, id(2), { attrs: { 'messaging.destination.name': 'q' } });
    const calls: EdgeCall[] = [];
    l.expireAll((c) => calls.push(c));
    assert.deepEqual(edges(calls).sort(), ['a->db*:ok', 'b->q*:ok']);
    assert.deepEqual(l.pending(), { callers: 0, callees: 0 });
  });

  test('spans with the same span id in different traces never pair with each other, waiting in either generation', () => {
    const l = linker();
    const other = 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb';
    const calls = [
      ...observe(l, 0, 'b', SpanKind.SERVER, id(2), { parent: id(1), traceId: other }),
      ...observe(l, 0, 'e', SpanKind.SERVER, id(3), { parent: id(1) }),
      ...expire(l, GRACE),
      ...observe(l, GRACE + 1, 'a', SpanKind.CLIENT, id(1), { attrs: { 'peer.service': 'db1' } }),
      ...observe(l, GRACE + 2, 'c', SpanKind.CLIENT, id(1), { traceId: other, attrs: { 'peer.service': 'db2' } }),
      ...observe(l, GRACE + 3, 'f', SpanKind.CLIENT, id(9), { traceId: other, attrs: { 'peer.service': 'db3' } }),
      ...expire(l, 3 * GRACE),
      ...expire(l, 5 * GRACE),
    ];
    assert.deepEqual(edges(calls), ['a->e:ok', 'c->b:ok', 'f->db3*:ok']);
    assert.deepEqual(l.pending(), { callers: 0, callees: 0 });
  });

  test('several callees waiting for one caller each pair with it when it comes, in arrival order', () => {
    const l = linker();
    const calls = [
      ...observe(l, 0, 'c1', SpanKind.CONSUMER, id(2), { parent: id(1) }),
      ...observe(l, 1, 'c2', SpanKind.CONSUMER, id(3), { parent: id(1) }),
      ...observe(l, 2, 'c3', SpanKind.CONSUMER, id(4), { parent: id(1) }),
      ...observe(l, 3, 'p', SpanKind.PRODUCER, id(1)),
      ...observe(l, 4, 'c4', SpanKind.CONSUMER, id(5), { parent: id(1) }),
    ];
    assert.deepEqual(edges(calls), ['p->c1:ok', 'p->c2:ok', 'p->c3:ok', 'p->c4:ok']);
    assert.deepEqual(l.pending(), { callers: 1, callees: 0 });
  });
  test('a B3 shared SERVER span left on its client\'s id pairs with that CLIENT span, in either order, once per call', () => {
    const shared = { [ZIPKIN_SHARED]: true };
    // Brave: the server (id 2 = its client's) and the server's own CLIENT child (under id 2) report first, the caller
    // later; the call is counted once, with the server's outcome, and the child still calls its own peer.
    let l = linker();
    const serverFirst = [
      ...observe(l, 0, 'b', SpanKind.CLIENT, id(3), { parent: id(2), attrs: { 'peer.service': 'db' } }),
      ...observe(l, 1, 'b', SpanKind.SERVER, id(2), { parent: id(1), attrs: shared, status: StatusCode.ERROR }),
      ...observe(l, 2, 'a', SpanKind.CLIENT, id(2), { parent: id(1) }),
      ...expire(l, 3 * GRACE),
      ...expire(l, 5 * GRACE),
    ];
    assert.deepEqual(edges(serverFirst).sort(), ['a->b:error', 'b->db*:ok']);
    l = linker();
    const clientFirst = [
      ...observe(l, 0, 'a', SpanKind.CLIENT, id(2), { parent: id(1) }),
      ...observe(l, 1, 'b', SpanKind.SERVER, id(2), { parent: id(1), attrs: shared, status: StatusCode.ERROR }),
      ...expire(l, 3 * GRACE),
      ...expire(l, 5 * GRACE),
    ];
    assert.deepEqual(edges(clientFirst), ['a->b:error']);
  });

  test('a shared SERVER span the istio processor split, or a py_zipkin one with its own id, pairs by its parent only', () => {
    const l = linker();
    const split = { [ZIPKIN_SHARED]: true, [ZIPKIN_ORIGINAL_SPAN_ID]: id(2) };
    const calls = [
      ...observe(l, 0, 'a', SpanKind.CLIENT, id(2), { parent: id(1) }),
      ...observe(l, 1, 'b', SpanKind.SERVER, id(9), { parent: id(2), attrs: split, status: StatusCode.ERROR }),
      ...observe(l, 2, 'c', SpanKind.SERVER, id(7), { parent: id(6), attrs: { [ZIPKIN_SHARED]: true } }),
      ...observe(l, 3, 'a', SpanKind.CLIENT, id(6), { parent: id(1) }),
      ...expire(l, 3 * GRACE),
      ...expire(l, 5 * GRACE),
    ];
    assert.deepEqual(edges(calls), ['a->b:error', 'a->c:ok']);
  });

  test('emits the calls the object-based reference linker emits, at the same steps, for any spans and clock (property)', () => {
    const ids = ['', ...[1, 2, 3, 4].map(id)];
    const traces = [TRACE, '0123456789abcdef0123456789abcdef'];
    const arbSpan: fc.Arbitrary<LinkableSpan> = fc.record({
      traceId: fc.constantFrom(...traces),
      spanId: fc.constantFrom(...ids.slice(1)),
      parentSpanId: fc.constantFrom(...ids),
      kind: fc.constantFrom(SpanKind.SERVER, SpanKind.CLIENT, SpanKind.PRODUCER, SpanKind.CONSUMER),
      service: fc.constantFrom('a', 'b'),
      startNanos: fc.bigInt({ min: 1_700_000_000_000_000_000n, max: 1_800_000_000_000_000_000n }),
      durationNanos: fc.bigInt({ min: 0n, max: 10n ** 12n }),
      statusError: fc.boolean(),
      httpStatus: fc.constantFrom(undefined, 200, 404, 429, 503),
      peerName: fc.constantFrom(undefined, 'a', 'db', 'queue'),
      links: fc.array(fc.record({ traceId: fc.constantFrom(...traces), spanId: fc.constantFrom(...ids.slice(1)) }), { maxLength: 2 }),
      sharesClientId: fc.boolean(),
    }).map((s) => ({
      ...s,
      peerName: s.kind === SpanKind.CLIENT || s.kind === SpanKind.PRODUCER ? s.peerName : undefined,
      links: s.kind === SpanKind.CONSUMER ? s.links : [],
      sharesClientId: s.kind === SpanKind.SERVER && s.sharesClientId,
    }));
    const arbStep = fc.oneof(
      { weight: 8, arbitrary: fc.record({ span: arbSpan, dt: fc.nat(GRACE / 2) }) },
      { weight: 1, arbitrary: fc.record({ expire: fc.nat(2 * GRACE) }) },
      { weight: 1, arbitrary: fc.constant({ expireAll: true }) },
    );
    fc.assert(
      fc.property(fc.array(arbStep, { maxLength: 60 }), fc.integer({ min: 2, max: 12 }), (steps, maxPending) => {
        const linkers = [createDependencyLinker({ graceMillis: GRACE, maxPending }), createReferenceLinker({ graceMillis: GRACE, maxPending })];
        let now = 0;
        steps.forEach((step, i) => {
          const emitted = linkers.map((l) => {
            const calls: EdgeCall[] = [];
            const emit = (c: EdgeCall) => calls.push(c);
            if ('span' in step) l.observe(step.span, now + step.dt, emit);
            else if ('expire' in step) l.expire(now + step.expire, emit);
            else l.expireAll(emit);
            // Callers that leave together may leave in another order (the reference walks its map of span ids).
            return { calls: calls.map((c) => `${edges([c])[0]}@${c.startNanos}+${c.durationNanos}`).sort(), pending: l.pending() };
          });
          if ('span' in step) now += step.dt;
          else if ('expire' in step) now += step.expire;
          assert.deepEqual(emitted[0], emitted[1], `step ${i}`);
        });
      }),
      { numRuns: 2000 },
    );
  });
});
