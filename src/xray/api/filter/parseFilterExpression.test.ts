import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { PipelineError } from '../../../errors.js';
import { parseFilterExpression } from './parseFilterExpression.js';
import { MAX_FILTER_EXPRESSION_LENGTH } from './tokenizeFilter.js';

function rejects(text: string, message: RegExp): void {
  assert.throws(() => parseFilterExpression(text), (e: unknown) => {
    assert.ok(e instanceof PipelineError);
    assert.equal(e.code, 'SB_MALFORMED');
    assert.match(e.message, message);
    return true;
  });
}

describe('parseFilterExpression', () => {
  test('keywords of each kind', () => {
    assert.deepEqual(parseFilterExpression('service("api.example.com")'), { type: 'service', name: 'api.example.com' });
    assert.deepEqual(parseFilterExpression('annotation.account = "12345"'), { type: 'annotation', key: 'account', op: '=', value: '12345' });
    assert.deepEqual(parseFilterExpression('annotation[user_id] != 7'), { type: 'annotation', key: 'user_id', op: '!=', value: 7 });
    assert.deepEqual(parseFilterExpression('annotation.flag'), { type: 'annotation', key: 'flag', op: '=', value: true });
    assert.deepEqual(parseFilterExpression('annotation.flag = false'), { type: 'annotation', key: 'flag', op: '=', value: false });
    assert.deepEqual(parseFilterExpression('annotation.name BEGINSWITH "ab"'), { type: 'annotation', key: 'name', op: 'BEGINSWITH', value: 'ab' });
    assert.deepEqual(parseFilterExpression('responsetime > 5'), { type: 'number', keyword: 'responsetime', op: '>', value: 5 });
    assert.deepEqual(parseFilterExpression('duration <= 0.25'), { type: 'number', keyword: 'duration', op: '<=', value: 0.25 });
    assert.deepEqual(parseFilterExpression('http.status = 503'), { type: 'number', keyword: 'http.status', op: '=', value: 503 });
    assert.deepEqual(parseFilterExpression('http.url CONTAINS "/api/"'), { type: 'string', keyword: 'http.url', op: 'CONTAINS', value: '/api/' });
    assert.deepEqual(parseFilterExpression('fault'), { type: 'flag', keyword: 'fault', value: true });
    assert.deepEqual(parseFilterExpression('error = false'), { type: 'flag', keyword: 'error', value: false });
    assert.deepEqual(parseFilterExpression('throttle != true'), { type: 'flag', keyword: 'throttle', value: false });
  });

  test('AND binds tighter than OR; parentheses and ! group', () => {
    assert.deepEqual(parseFilterExpression('fault OR error AND throttle'), {
      type: 'or',
      operands: [{ type: 'flag', keyword: 'fault', value: true }, { type: 'and', operands: [{ type: 'flag', keyword: 'error', value: true }, { type: 'flag', keyword: 'throttle', value: true }] }],
    });
    assert.deepEqual(parseFilterExpression('(fault or error) and !service("db")'), {
      type: 'and',
      operands: [
        { type: 'or', operands: [{ type: 'flag', keyword: 'fault', value: true }, { type: 'flag', keyword: 'error', value: true }] },
        { type: 'not', operand: { type: 'service', name: 'db' } },
      ],
    });
  });

  test('keywords are case-insensitive, annotation keys and strings are not; strings unescape', () => {
    assert.deepEqual(parseFilterExpression('FAULT And Service("A\\"b")'), { type: 'and', operands: [{ type: 'flag', keyword: 'fault', value: true }, { type: 'service', name: 'A"b' }] });
    assert.deepEqual(parseFilterExpression('annotation.Key = "V"'), { type: 'annotation', key: 'Key', op: '=', value: 'V' });
    assert.deepEqual(parseFilterExpression('responsetime > -1.5e0'), { type: 'number', keyword: 'responsetime', op: '>', value: -1.5 });
  });

  test('errors name the problem and the 1-based position', () => {
    rejects('', /FilterExpression: empty expression at position 1/);
    rejects('fault AND', /expected a keyword .* but found the end of the expression at position 10/);
    rejects('responsetime > "5"', /expected a number after responsetime > but found "5" at position 16/);
    rejects('responsetime 5', /expected a comparison .* at position 14/);
    rejects('http.status CONTAINS 5', /expected a comparison .* but found "CONTAINS" at position 13/);
    rejects('service(x)', /expected a quoted service name but found "x" at position 9/);
    rejects('service("x"', /expected "\)" but found the end of the expression at position 12/);
    rejects('service("x") { fault }', /not supported.* at position 14/);
    rejects('annotation.k > "a"', /> does not compare strings \(use =, !=, CONTAINS, BEGINSWITH or ENDSWITH\) at position 14/);
    rejects('annotation.k CONTAINS 3', /CONTAINS does not compare numbers at position 14/);
    rejects('annotation.k = ', /expected a value .* after annotation.k = but found the end of the expression at position 16/);
    rejects('annotation. = 1', /annotation needs a key, like annotation.account at position 1/);
    rejects('(fault', /expected "\)" but found the end of the expression at position 7/);
    rejects('fault error', /expected AND, OR or the end of the expression but found "error" at position 7/);
    rejects('edge("a", "b")', /unknown or unsupported keyword "edge" .* at position 1/);
    rejects('fault = maybe', /expected true or false but found "maybe" at position 9/);
    rejects('http.url = "unterminated', /string not closed .* at position 12/);
    rejects('fault & error', /unexpected character "&" at position 7/);
    rejects('x'.repeat(MAX_FILTER_EXPRESSION_LENGTH + 1), /longer than 2000 characters/);
  });
});
