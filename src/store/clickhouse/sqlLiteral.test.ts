import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { bindQuery, formatIdentifier, formatLiteral } from './sqlLiteral.js';

/** Reads a quoted literal back as ClickHouse's lexer does (the escapes formatLiteral writes). */
function unquote(literal: string): string {
  assert.ok(literal.startsWith("'") && literal.endsWith("'") && literal.length >= 2, literal);
  const body = literal.slice(1, -1);
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i] as string;
    assert.notEqual(c, "'", `unescaped quote in ${literal}`);
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = body[++i];
    const simple: Record<string, string> = { '\\': '\\', "'": "'", '0': '\0', n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' };
    if (e !== undefined && simple[e] !== undefined) out += simple[e];
    else if (e === 'x') {
      out += String.fromCharCode(parseInt(body.slice(i + 1, i + 3), 16));
      i += 2;
    } else assert.fail(`unknown escape \\${e} in ${literal}`);
  }
  return out;
}

const awkwardChar = fc.constantFrom("'", '\\', '\0', '\n', '\r', '\t', '\u001f', '\u007f', '"', '`', '{', '}', '?', ';', '--', '/*', 'é', '中', '😀', '\u2028');
const awkwardString = fc.array(fc.oneof(awkwardChar, fc.string({ unit: 'binary' })), { maxLength: 20 }).map((a) => a.join(''));

describe('formatLiteral', () => {
  test('strings read back exactly, with quotes, backslashes, NUL, newlines, control characters and unicode (property)', () => {
    fc.assert(
      fc.property(awkwardString, (s) => {
        const literal = formatLiteral(s, 'String');
        assert.equal(unquote(literal), s);
        // Nothing a lexer could take as the end of the literal or of the line.
        assert.doesNotMatch(literal.slice(1, -1), /(^|[^\\])(\\\\)*'|[\0\n\r]/);
      }),
      { numRuns: 2000 },
    );
  });

  test('integers are decimal within their type, huge ones included; out of range or not integers throw', () => {
    assert.equal(formatLiteral(18_446_744_073_709_551_615n, 'UInt64'), '18446744073709551615');
    assert.equal(formatLiteral(-9_223_372_036_854_775_808n, 'Int64'), "toInt64('-9223372036854775808')");
    assert.equal(formatLiteral(255, 'UInt8'), '255');
    for (const [v, t] of [[18_446_744_073_709_551_616n, 'UInt64'], [-1, 'UInt64'], [256, 'UInt8'], [1.5, 'UInt32'], [2 ** 60, 'UInt64'], [Number.NaN, 'UInt64'], ['1', 'UInt8']] as const) {
      assert.throws(() => formatLiteral(v, t), `${String(v)} as ${t}`);
    }
    fc.assert(fc.property(fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), (n) => formatLiteral(n, 'UInt64') === n.toString()));
  });

  test('arrays, dates; unknown types and mismatched values throw', () => {
    assert.equal(formatLiteral(['a', "b'"], 'Array(String)'), "['a','b\\'']");
    assert.equal(formatLiteral([1n, 2], 'Array(UInt64)'), '[1,2]');
    assert.equal(formatLiteral('2023-11-14', 'Date'), "'2023-11-14'");
    assert.throws(() => formatLiteral("2023-11-14'); DROP TABLE x; --", 'Date'));
    assert.throws(() => formatLiteral('x', 'Float64'));
    assert.throws(() => formatLiteral(1, 'String'));
    assert.throws(() => formatLiteral('x', 'Array(String)'));
  });
});

describe('bindQuery and formatIdentifier', () => {
  test('puts literals in place of placeholders, or keeps them and passes the values as parameters', () => {
    const template = 'SELECT 1 FROM t WHERE s = {s:String} AND n < {n:UInt64} AND has({ids:Array(String)}, id)';
    const values = { s: "it's", n: 5n, ids: ['a'] };
    assert.deepEqual(bindQuery(template, values, false), { query: "SELECT 1 FROM t WHERE s = 'it\\'s' AND n < 5 AND has(['a'], id)" });
    assert.deepEqual(bindQuery(template, values, true), { query: template, params: values });
    assert.throws(() => bindQuery(template, { s: 'x', n: 1 }, false), /ids/);
  });

  test('identifiers are checked and back-quoted', () => {
    assert.equal(formatIdentifier('spanbridge_2'), '`spanbridge_2`');
    for (const bad of ['', '1abc', 'a`b', 'a b', 'a;DROP', 'x'.repeat(65)]) assert.throws(() => formatIdentifier(bad), bad);
  });
});
