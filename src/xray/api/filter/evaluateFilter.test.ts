import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sampleTraceDocuments } from '../../../../test/xray/api/sampleDocuments.js';
import { traceFacts } from '../traceFacts.js';
import type { TraceFacts } from '../traceFacts.js';
import { evaluateFilter } from './evaluateFilter.js';
import { parseFilterExpression } from './parseFilterExpression.js';

function sampleTrace(): TraceFacts {
  const facts = traceFacts(sampleTraceDocuments());
  assert.ok(facts);
  return facts;
}

function matches(expression: string, facts: TraceFacts = sampleTrace()): boolean {
  return evaluateFilter(parseFilterExpression(expression), facts);
}

describe('evaluateFilter', () => {
  test('flags', () => {
    assert.equal(matches('fault'), true);
    assert.equal(matches('error'), false);
    assert.equal(matches('throttle'), true);
    assert.equal(matches('ok'), false);
    assert.equal(matches('!error AND fault = true'), true);
    assert.equal(matches('partial'), false);
  });

  test('numbers: responsetime is the root, duration the whole trace', () => {
    assert.equal(matches('responsetime > 1.5'), true);
    assert.equal(matches('responsetime >= 2 AND responsetime <= 2'), true);
    assert.equal(matches('responsetime > 2'), false);
    assert.equal(matches('duration = 3.5'), true);
    assert.equal(matches('duration < 3'), false);
    assert.equal(matches('http.status = 503'), true);
    assert.equal(matches('http.status != 503'), false);
  });

  test('strings', () => {
    assert.equal(matches('http.url CONTAINS "/api/"'), true);
    assert.equal(matches('http.url BEGINSWITH "https"'), false);
    assert.equal(matches('http.method = "GET" AND http.useragent ENDSWITH "/8"'), true);
    assert.equal(matches('http.clientip = "10.0.0.1"'), true);
    assert.equal(matches('user = "alice"'), true);
    assert.equal(matches('user != "alice"'), false);
  });

  test('services include downstream nodes', () => {
    assert.equal(matches('service("cart")'), true);
    assert.equal(matches('service("DynamoDB")'), true);
    assert.equal(matches('service("payments")'), false);
  });

  test('annotations compare by type; != needs every value to differ; missing matches only !=', () => {
    assert.equal(matches('annotation.tier = "silver"'), true);
    assert.equal(matches('annotation.tier != "gold"'), false);
    assert.equal(matches('annotation.tier != "bronze"'), true);
    assert.equal(matches('annotation.items > 2'), true);
    assert.equal(matches('annotation.items = "3"'), false);
    assert.equal(matches('annotation.beta'), true);
    assert.equal(matches('annotation.beta = false'), false);
    assert.equal(matches('annotation.missing = 1'), false);
    assert.equal(matches('annotation.missing != 1'), true);
  });

  test('AND / OR / parentheses', () => {
    assert.equal(matches('service("payments") OR (fault AND annotation.tier = "gold")'), true);
    assert.equal(matches('service("payments") OR fault AND error'), false);
    assert.equal(matches('(service("payments") OR fault) AND !error'), true);
  });
});
