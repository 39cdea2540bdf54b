import { describe, expect, test } from 'vitest';
import { SchemaError, array, decimal, hex, int, object, oneOf, optional, str, withDefault } from './schema.js';

describe('schema', () => {
  const person = object({ name: str, age: int, tags: withDefault(array(str), []), nick: optional(str) });

  test('returns the typed value and ignores unknown keys', () => {
    expect(person({ name: 'a', age: 3, extra: true }, 'p')).toEqual({ name: 'a', age: 3, tags: [], nick: undefined });
  });

  test('a mismatch names the path of the bad value', () => {
    expect(() => person({ name: 'a', age: 3, tags: ['x', 7] }, 'response')).toThrowError(new SchemaError('response.tags[1]', 'expected a string, got number 7'));
    expect(() => person([], 'response')).toThrowError(/response: expected an object, got an array/);
    expect(() => person({ name: 'a', age: 1.5 }, 'r')).toThrowError(/r\.age: expected an integer/);
  });

  test('decimal keeps nanosecond values beyond 2^53 exact', () => {
    expect(decimal('1700000000123456789', 'x')).toBe(1700000000123456789n);
    expect(decimal(42, 'x')).toBe(42n);
    expect(() => decimal('12.5', 'x')).toThrowError(SchemaError);
    expect(() => decimal(2 ** 60, 'x')).toThrowError(SchemaError);
  });

  test('hex ids have a fixed length and are lower-cased', () => {
    expect(hex(4)('AbCd', 'x')).toBe('abcd');
    expect(() => hex(4)('abc', 'x')).toThrowError(/expected 4 hex digits/);
    expect(() => hex(4)('wxyz', 'x')).toThrowError(SchemaError);
  });

  test('oneOf lists what it accepts', () => {
    expect(oneOf('A', 'B')('B', 'k')).toBe('B');
    expect(() => oneOf('A', 'B')('C', 'k')).toThrowError(/k: expected one of A, B/);
  });
});
