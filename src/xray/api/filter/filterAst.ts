// The subset of X-Ray's filter expression language that GetTraceSummaries accepts (README.md, "Filter expressions";
// AWS X-Ray developer guide, "Use filter expressions"). Every node is evaluated against a whole
// trace (evaluateFilter.ts).

/** Comparison operators of number keywords and number annotations. */
export type NumberOperator = '=' | '!=' | '<' | '<=' | '>' | '>=';
/** Comparison operators of string keywords and string annotations. */
export type StringOperator = '=' | '!=' | 'CONTAINS' | 'BEGINSWITH' | 'ENDSWITH';

/** Boolean keywords: `fault` (5xx), `error` (4xx), `throttle` (429), `ok` (none of those), `partial` (in progress). */
export type FlagKeyword = 'ok' | 'error' | 'fault' | 'throttle' | 'partial';
/** Number keywords, in seconds for the times: root segment's response time, trace duration, root HTTP status. */
export type NumberKeyword = 'responsetime' | 'duration' | 'http.status';
/** String keywords, read from the root segment (`user` from any segment). */
export type StringKeyword = 'http.url' | 'http.method' | 'http.useragent' | 'http.clientip' | 'user';

export type FilterNode =
  | { type: 'and'; operands: FilterNode[] }
  | { type: 'or'; operands: FilterNode[] }
  | { type: 'not'; operand: FilterNode }
  | { type: 'flag'; keyword: FlagKeyword; value: boolean }
  | { type: 'number'; keyword: NumberKeyword; op: NumberOperator; value: number }
  | { type: 'string'; keyword: StringKeyword; op: StringOperator; value: string }
  /** `service("name")`: a segment (or an AWS/remote subsegment, a node of the service graph) has this name. */
  | { type: 'service'; name: string }
  /** `annotation.key op value`; a bare `annotation.key` means `= true`. */
  | { type: 'annotation'; key: string; op: NumberOperator | StringOperator; value: string | number | boolean };

export const FLAG_KEYWORDS: ReadonlySet<string> = new Set<FlagKeyword>(['ok', 'error', 'fault', 'throttle', 'partial']);
export const NUMBER_KEYWORDS: ReadonlySet<string> = new Set<NumberKeyword>(['responsetime', 'duration', 'http.status']);
export const STRING_KEYWORDS: ReadonlySet<string> = new Set<StringKeyword>(['http.url', 'http.method', 'http.useragent', 'http.clientip', 'user']);
