// Hand-built batches shared by the codec tests: the OTLP edge cases (every AnyValue case, times beyond 2^53, dropped
// counts, ...), in one span.
import type { AnyValue, Span, TraceBatch } from '../../../src/model/span.js';

export const MAX_I64 = (1n << 63n) - 1n;
export const MAX_U64 = (1n << 64n) - 1n;

export function edgeCaseSpan(overrides: Partial<Span> = {}): Span {
  return {
    traceId: '5b8efff798038103d269b633813fc60c',
    spanId: 'eee19b7ec3c1b174',
    parentSpanId: 'eee19b7ec3c1b173',
    traceState: 'rojo=00f067aa0ba902b7',
    flags: 0x301,
    name: 'edge cases',
    kind: 2,
    startTimeUnixNano: MAX_I64,
    endTimeUnixNano: MAX_U64,
    attributes: new Map<string, AnyValue>([
      ['string', 'héllo ✓'],
      ['bool', false],
      ['int.max', MAX_I64],
      ['int.min', -(1n << 63n)],
      ['double.integral', 3],
      ['double.negzero', -0],
      ['double.nan', NaN],
      ['double.inf', -Infinity],
      ['bytes', new Uint8Array([0, 1, 254, 255])],
      ['empty', null],
      ['array', ['a', 1n, 1.5, null, []]],
      ['kvlist', new Map<string, AnyValue>([['inner', new Map<string, AnyValue>([['deep', new Map<string, AnyValue>([['x', 7n]])]])], ['list', [new Map()]]])],
    ]),
    droppedAttributesCount: 4,
    events: [{ timeUnixNano: 1_700_000_000_123_456_789n, name: 'exception', attributes: new Map([['exception.type', 'Error']]), droppedAttributesCount: 1 }],
    droppedEventsCount: 2,
    links: [{ traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331', traceState: 'congo=t61rcWkgMzE', attributes: new Map([['link.n', 1n]]), droppedAttributesCount: 3, flags: 0x101 }],
    droppedLinksCount: 5,
    status: { code: 2, message: 'boom' },
    ...overrides,
  };
}

export function edgeCaseBatch(): TraceBatch {
  return {
    resourceSpans: [
      {
        resource: { attributes: new Map([['service.name', 'svc']]), droppedAttributesCount: 1 },
        schemaUrl: 'https://opentelemetry.io/schemas/1.26.0',
        scopeSpans: [
          {
            scope: { name: 'lib', version: '1.2.3', attributes: new Map([['scope.attr', true]]), droppedAttributesCount: 2 },
            schemaUrl: 'https://opentelemetry.io/schemas/1.24.0',
            spans: [edgeCaseSpan()],
          },
        ],
      },
    ],
  };
}
