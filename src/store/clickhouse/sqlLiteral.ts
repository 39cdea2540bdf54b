// Values in SQL text for servers without server-side query parameters (README.md, "Query parameters"). Every query
// is a constant template with `{name:Type}` placeholders; bindQuery either hands the values to the server as
// parameters or puts each one in as a literal written by formatLiteral, the only place a value becomes SQL text.

/** A value a placeholder takes: strings, integers (bigint or safe-integer numbers) and arrays of them. */
export type SqlValue = string | number | bigint | readonly SqlValue[];

/** Integer types with their ranges. */
const INTEGER_RANGES: Record<string, readonly [bigint, bigint]> = {
  UInt8: [0n, 255n],
  UInt16: [0n, 65_535n],
  UInt32: [0n, 4_294_967_295n],
  UInt64: [0n, 18_446_744_073_709_551_615n],
  Int64: [-9_223_372_036_854_775_808n, 9_223_372_036_854_775_807n],
};

/**
 * The SQL literal of `value` as a ClickHouse value of `type`: String (single-quoted; backslash, quote, NUL and
 * control characters escaped; other characters as they are, the request being UTF-8), Date (a 'YYYY-MM-DD' string),
 * UInt8..UInt64 and Int64 (decimal digits, range-checked), or Array(T) of those. Anything else throws: a value that
 * does not fit its placeholder is a bug, never SQL.
 */
export function formatLiteral(value: SqlValue, type: string): string {
  if (type.startsWith('Array(') && type.endsWith(')')) {
    if (!Array.isArray(value)) throw new TypeError(`${type} placeholder takes an array`);
    const inner = type.slice(6, -1);
    return `[${(value as readonly SqlValue[]).map((v) => formatLiteral(v, inner)).join(',')}]`;
  }
  if (type === 'String') {
    if (typeof value !== 'string') throw new TypeError('String placeholder takes a string');
    return quoteString(value);
  }
  if (type === 'Date') {
    if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new TypeError('Date placeholder takes YYYY-MM-DD');
    return `'${value}'`;
  }
  const range = INTEGER_RANGES[type];
  if (range === undefined) throw new TypeError(`no literal format for type ${type}`);
  if (typeof value === 'number' && !Number.isSafeInteger(value)) throw new TypeError(`${type} placeholder takes an integer, not ${value}`);
  if (typeof value !== 'number' && typeof value !== 'bigint') throw new TypeError(`${type} placeholder takes an integer`);
  const n = BigInt(value);
  if (n < range[0] || n > range[1]) throw new RangeError(`${n} is out of range for ${type}`);
  // A negative literal is an expression (unary minus applied to a positive number); the cast keeps its type.
  return n < 0n ? `to${type}('${n}')` : n.toString();
}

const ESCAPES: Record<string, string> = { '\\': '\\\\', "'": "\\'", '\0': '\\0', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f' };

function quoteString(s: string): string {
  // eslint-disable-next-line no-control-regex
  return `'${s.replace(/[\\'\u0000-\u001f\u007f]/g, (c) => ESCAPES[c] ?? `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`)}'`;
}

/** A database, table or cluster name from the configuration: checked against this pattern, then back-quoted. */
export const IDENTIFIER_PATTERN = '^[A-Za-z_][A-Za-z0-9_]{0,63}$';

export function formatIdentifier(name: string): string {
  if (!new RegExp(IDENTIFIER_PATTERN).test(name)) throw new TypeError(`"${name}" is not an identifier (${IDENTIFIER_PATTERN})`);
  return `\`${name}\``;
}

const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_]*):([A-Za-z0-9_()]+)\}/g;

export interface BoundQuery {
  query: string;
  /** Present when the server takes the values as parameters. */
  params?: Record<string, unknown>;
}

/**
 * A template with its values: as it is plus parameters when the server has them, else with each placeholder
 * replaced by formatLiteral of its value. Every placeholder needs a value.
 */
export function bindQuery(template: string, values: Record<string, SqlValue>, serverParameters: boolean): BoundQuery {
  const query = template.replace(PLACEHOLDER, (_m, name: string, type: string) => {
    const v = values[name];
    if (v === undefined) throw new TypeError(`no value for placeholder ${name}`);
    return serverParameters ? `{${name}:${type}}` : formatLiteral(v, type);
  });
  return serverParameters ? { query, params: values } : { query };
}
