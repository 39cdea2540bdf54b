import { describe, expect, test } from 'vitest';
import { formatDuration, formatDurationDelta, formatPercent, formatRate } from './format.js';
import { nanos } from './time.js';

describe('formatDuration', () => {
  test('picks the unit that keeps the number at least 1, three significant digits', () => {
    expect(formatDuration(nanos(0))).toBe('0ns');
    expect(formatDuration(nanos(999))).toBe('999ns');
    expect(formatDuration(nanos(1_234))).toBe('1.23µs');
    expect(formatDuration(nanos(850_000))).toBe('850µs');
    expect(formatDuration(nanos(12_345_678))).toBe('12.3ms');
    expect(formatDuration(nanos(1_500_000_000))).toBe('1.5s');
    expect(formatDuration(nanos(90e9))).toBe('1.5m');
  });

  test('signed deltas', () => {
    expect(formatDurationDelta(nanos(2e6))).toBe('+2ms');
    expect(formatDurationDelta(nanos(-300e3))).toBe('-300µs');
    expect(formatDurationDelta(nanos(0))).toBe('0');
  });
});

test('rates and percentages', () => {
  expect(formatRate(0)).toBe('0/s');
  expect(formatRate(12.345)).toBe('12.3/s');
  expect(formatRate(2 / 60)).toBe('2/min');
  expect(formatRate(3 / 3600)).toBe('3/h');
  expect(formatPercent(1, 8)).toBe('12.5%');
  expect(formatPercent(1, 0)).toBe('0%');
});
