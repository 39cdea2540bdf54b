import type { IncomingHttpHeaders } from 'node:http';
import { defaultTextMapGetter, type TextMapGetter } from '@opentelemetry/api';

const OVERLONG_ID = /^[0-9a-fA-F]{17,32}$/;

/**
 * Reads request headers for the B3 propagator. FSM sidecars forward 32-hex span ids, which OpenTelemetry's B3
 * propagator rejects (the trace would break at the app); they are read as their rightmost 16 hex digits, the
 * deterministic rule the pipeline's Zipkin decoder also applies (docs/zipkin-mesh.md, "Ids"), so app
 * spans keep their sidecar parent.
 */
export const lenientB3Getter: TextMapGetter<IncomingHttpHeaders> = {
  keys: (carrier) => defaultTextMapGetter.keys(carrier),
  get(carrier, key) {
    const raw = carrier[key];
    const value = Array.isArray(raw) ? raw[0] : raw;
    if ((key === 'x-b3-spanid' || key === 'x-b3-parentspanid') && value !== undefined && OVERLONG_ID.test(value)) return value.slice(-16).toLowerCase();
    return value;
  },
};
