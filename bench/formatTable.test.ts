import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatCount, formatMBps, formatMillis, formatTable, targetMark } from './formatTable.js';

test('columns are padded; numeric columns right-aligned, text left-aligned', () => {
  const out = formatTable(
    ['path', 'spans/s'],
    [
      ['zipkin', '61.2k'],
      ['otlp protobuf', '150.0k'],
    ],
  );
  assert.equal(out, ['path           spans/s', 'zipkin           61.2k', 'otlp protobuf   150.0k'].join('\n'));
});

test('short rows get empty cells and no trailing spaces', () => {
  const out = formatTable(['a', 'b', 'c'], [['x']]);
  assert.equal(out.split('\n')[1], 'x');
});

test('number formats', () => {
  assert.equal(formatCount(950), '950');
  assert.equal(formatCount(1234), '1.23k');
  assert.equal(formatCount(61_234), '61.2k');
  assert.equal(formatCount(1_250_000), '1.25M');
  assert.equal(formatCount(Number.NaN), '-');
  assert.equal(formatMillis(0.0421), '0.042ms');
  assert.equal(formatMillis(3.214), '3.21ms');
  assert.equal(formatMillis(152.4), '152ms');
  assert.equal(formatMBps(12_345_678), '12.3');
});

test('targets are marked met or missed', () => {
  assert.equal(targetMark('>= 60k spans/s', true), '>= 60k spans/s ✓');
  assert.equal(targetMark('>= 60k spans/s', false), '>= 60k spans/s ✗ MISSED');
});
