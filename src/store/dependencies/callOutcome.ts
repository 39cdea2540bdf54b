import type { AnyValue, Attributes } from '../../model/span.js';

// How one call counts on a dependency edge (docs/architecture.md, "The store"): 429 is a throttle, 5xx a fault, other
// 4xx an error; a call without an HTTP status is an error when either side has status ERROR.

export type CallOutcome = 'ok' | 'error' | 'fault' | 'throttle';

/** The attributes that may hold a span's HTTP response status. */
export const HTTP_STATUS_ATTRIBUTES = ['http.response.status_code', 'http.status_code'] as const;

/** The HTTP response status of a span: `http.response.status_code`, else the legacy `http.status_code`. */
export function httpStatusOf(attributes: Attributes): number | undefined {
  return httpStatusFrom(attributes.get('http.response.status_code'), attributes.get('http.status_code'));
}

/** The same from the values of `http.response.status_code` and `http.status_code` (absent: undefined). */
export function httpStatusFrom(current: AnyValue | undefined, legacy: AnyValue | undefined): number | undefined {
  return statusNumber(current) ?? statusNumber(legacy);
}

function statusNumber(v: AnyValue | undefined): number | undefined {
  let n: number;
  if (typeof v === 'bigint') n = Number(v);
  else if (typeof v === 'number') n = v;
  else if (typeof v === 'string' && /^\d{3}$/.test(v)) n = Number(v);
  else return undefined;
  return Number.isInteger(n) && n >= 100 && n <= 599 ? n : undefined;
}

export function classifyCall(httpStatus: number | undefined, statusError: boolean): CallOutcome {
  if (httpStatus === undefined) return statusError ? 'error' : 'ok';
  if (httpStatus === 429) return 'throttle';
  if (httpStatus >= 500) return 'fault';
  if (httpStatus >= 400) return 'error';
  return 'ok';
}
