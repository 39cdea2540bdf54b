import type { TraceFacts } from '../traceFacts.js';
import type { FilterNode, NumberOperator, StringOperator } from './filterAst.js';

function compareNumbers(a: number, op: NumberOperator, b: number): boolean {
  switch (op) {
    case '=':
      return a === b;
    case '!=':
      return a !== b;
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    case '>=':
      return a >= b;
  }
}

function compareStrings(a: string, op: StringOperator, b: string): boolean {
  switch (op) {
    case '=':
      return a === b;
    case '!=':
      return a !== b;
    case 'CONTAINS':
      return a.includes(b);
    case 'BEGINSWITH':
      return a.startsWith(b);
    case 'ENDSWITH':
      return a.endsWith(b);
  }
}

function numberKeyword(facts: TraceFacts, keyword: string): number | undefined {
  if (keyword === 'responsetime') return facts.responseTimeSeconds;
  if (keyword === 'duration') return facts.durationSeconds;
  return facts.http.status;
}

function stringKeywordValues(facts: TraceFacts, keyword: string): string[] {
  const v = keyword === 'http.url' ? facts.http.url : keyword === 'http.method' ? facts.http.method : keyword === 'http.useragent' ? facts.http.userAgent : keyword === 'http.clientip' ? facts.http.clientIp : undefined;
  if (keyword === 'user') return [...facts.users.keys()];
  return v === undefined ? [] : [v];
}

function annotationMatches(facts: TraceFacts, node: Extract<FilterNode, { type: 'annotation' }>): boolean {
  const values = (facts.annotations.get(node.key) ?? []).map((e) => e.value).filter((v) => typeof v === typeof node.value);
  if (values.length === 0) return node.op === '!=';
  const test = (v: string | number | boolean) => {
    if (typeof node.value === 'number') return compareNumbers(v as number, node.op as NumberOperator, node.value);
    if (typeof node.value === 'string') return compareStrings(v as string, node.op as StringOperator, node.value);
    return node.op === '=' ? v === node.value : v !== node.value;
  };
  return node.op === '!=' ? values.every(test) : values.some(test);
}

/**
 * Whether a trace satisfies a filter. Keywords read the trace as TraceFacts describes it. A value the trace does not
 * have (no HTTP status, no such annotation, an annotation of another type) matches only `!=`; with several values
 * (an annotation set on several segments, several users) `!=` needs all of them to differ and the other operators one.
 */
export function evaluateFilter(node: FilterNode, facts: TraceFacts): boolean {
  switch (node.type) {
    case 'and':
      return node.operands.every((o) => evaluateFilter(o, facts));
    case 'or':
      return node.operands.some((o) => evaluateFilter(o, facts));
    case 'not':
      return !evaluateFilter(node.operand, facts);
    case 'flag': {
      const has = node.keyword === 'fault' ? facts.hasFault : node.keyword === 'error' ? facts.hasError : node.keyword === 'throttle' ? facts.hasThrottle : node.keyword === 'partial' ? facts.isPartial : !facts.hasFault && !facts.hasError && !facts.hasThrottle;
      return has === node.value;
    }
    case 'number': {
      const v = numberKeyword(facts, node.keyword);
      return v === undefined ? node.op === '!=' : compareNumbers(v, node.op, node.value);
    }
    case 'string': {
      const values = stringKeywordValues(facts, node.keyword);
      if (values.length === 0) return node.op === '!=';
      return node.op === '!=' ? values.every((v) => compareStrings(v, node.op, node.value)) : values.some((v) => compareStrings(v, node.op, node.value));
    }
    case 'service':
      return facts.services.has(node.name);
    case 'annotation':
      return annotationMatches(facts, node);
  }
}
