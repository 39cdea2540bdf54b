import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createLogger, resolveLogFormat } from './logger.js';

function captured() {
  const lines: string[] = [];
  return { lines, destination: { write: (s: string) => void lines.push(s) } };
}

describe('resolveLogFormat', () => {
  test('a terminal gets text and anything else JSON when nothing is chosen', () => {
    assert.equal(resolveLogFormat({ isTTY: true }), 'text');
    assert.equal(resolveLogFormat({ isTTY: false }), 'json');
  });

  test('the configuration encoding decides over the terminal', () => {
    assert.equal(resolveLogFormat({ encoding: 'json', isTTY: true }), 'json');
    assert.equal(resolveLogFormat({ encoding: 'console', isTTY: false }), 'text');
  });

  test('the flag decides over the configuration and the terminal', () => {
    assert.equal(resolveLogFormat({ flag: 'json', encoding: 'console', isTTY: true }), 'json');
    assert.equal(resolveLogFormat({ flag: 'text', encoding: 'json', isTTY: false }), 'text');
  });
});

describe('createLogger', () => {
  test('json writes one parseable object a line with the message and fields', () => {
    const out = captured();
    createLogger({ level: 'info', format: 'json', destination: out.destination }).info({ port: 9411 }, 'spanbridge started');
    assert.equal(out.lines.length, 1);
    const rec = JSON.parse(out.lines[0] ?? '') as { msg: string; port: number; level: number };
    assert.equal(rec.msg, 'spanbridge started');
    assert.equal(rec.port, 9411);
    assert.equal(rec.level, 30);
  });

  test('text writes a readable line: level name, message, fields below, no JSON and no colours', () => {
    const out = captured();
    createLogger({ level: 'info', format: 'text', destination: out.destination }).warn({ port: 9411 }, 'spanbridge started');
    const text = out.lines.join('');
    assert.match(text, /^\[\d\d:\d\d:\d\d\.\d{3}\] WARN: spanbridge started\n/);
    assert.match(text, /\n {4}port: 9411\n/);
    assert.ok(!text.includes('\u001b['), 'no ANSI colour codes');
    assert.doesNotMatch(text, /pid|hostname/);
    assert.throws(() => JSON.parse(text));
  });

  test('the level filters in both formats', () => {
    for (const format of ['json', 'text'] as const) {
      const out = captured();
      const logger = createLogger({ level: 'warn', format, destination: out.destination });
      logger.info('hidden');
      logger.error('shown');
      assert.equal(out.lines.length, 1, format);
      assert.match(out.lines[0] ?? '', /shown/);
    }
  });
});
