import type { Infer } from './schema.js';
import { array, bool, decimal, hex, int, object, oneOf, optional, str, withDefault } from './schema.js';

// Wire shapes of the native API (docs/api-native.md), exactly as sent; translate*.ts turns them into the UI model.

export const spanKindWire = oneOf('INTERNAL', 'SERVER', 'CLIENT', 'PRODUCER', 'CONSUMER', 'UNSPECIFIED');

export const servicesResponse = object({ services: array(str) });

export const operationsResponse = object({ operations: array(object({ name: str, spanKind: spanKindWire })) });

export const traceSummaryWire = object({
  traceId: hex(32),
  rootService: str,
  rootOperation: str,
  startTimeUnixNano: decimal,
  durationNanos: decimal,
  spanCount: int,
  errorCount: int,
  services: withDefault(array(object({ service: str, spanCount: int, errorCount: int })), []),
});
export type TraceSummaryWire = Infer<typeof traceSummaryWire>;

export const traceSearchResponse = object({ traces: array(traceSummaryWire), nextCursor: optional(str) });
export type TraceSearchWire = Infer<typeof traceSearchResponse>;

export const dependenciesResponse = object({
  nodes: array(
    object({ name: str, virtual: withDefault(bool, false), callsIn: int, errorsIn: int, faultsIn: int, throttlesIn: int }),
  ),
  edges: array(
    object({
      parent: str,
      child: str,
      callCount: int,
      errorCount: int,
      faultCount: int,
      throttleCount: int,
      p50Nanos: decimal,
      p99Nanos: decimal,
      virtual: withDefault(bool, false),
    }),
  ),
});
export type DependenciesWire = Infer<typeof dependenciesResponse>;

/** `{"error": {"code": "SB_...", "message": "..."}}` (docs/api-native.md). */
export const errorBody = object({ error: object({ code: str, message: str }) });
