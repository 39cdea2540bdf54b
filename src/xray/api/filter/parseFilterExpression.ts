import type { FilterNode, FlagKeyword, NumberKeyword, NumberOperator, StringKeyword, StringOperator } from './filterAst.js';
import { FLAG_KEYWORDS, NUMBER_KEYWORDS, STRING_KEYWORDS } from './filterAst.js';
import { filterError, tokenizeFilter } from './tokenizeFilter.js';
import type { FilterToken } from './tokenizeFilter.js';

const NUMBER_OPERATORS: ReadonlySet<string> = new Set(['=', '!=', '<', '<=', '>', '>=']);
const STRING_OPERATORS: ReadonlySet<string> = new Set(['=', '!=', 'CONTAINS', 'BEGINSWITH', 'ENDSWITH']);
const SUPPORTED = 'service("name"), annotation.key, responsetime, duration, http.status, http.url, http.method, http.useragent, http.clientip, user, ok, error, fault, throttle, partial';

/**
 * Parses a GetTraceSummaries FilterExpression (the subset in filterAst.ts) with a recursive-descent parser:
 *
 *   expr    := and ( OR and )*
 *   and     := unary ( AND unary )*
 *   unary   := '!' unary | '(' expr ')' | term
 *   term    := service '(' string ')' | annotation.key [op value] | annotation '[' key ']' [op value]
 *            | numberKeyword numberOp number | stringKeyword stringOp string | flagKeyword [('=' | '!=') bool]
 *
 * Keywords and AND/OR/CONTAINS/BEGINSWITH/ENDSWITH are case-insensitive; annotation keys are not. Anything else is
 * SB_MALFORMED `FilterExpression: <problem> at position <n>` (1-based), which the API answers with a 400.
 */
export function parseFilterExpression(text: string): FilterNode {
  const tokens = tokenizeFilter(text);
  let at = 0;
  const peek = (): FilterToken => tokens[at] as FilterToken;
  const take = (): FilterToken => tokens[at++] as FilterToken;
  const isWord = (t: FilterToken, w: string) => t.kind === 'word' && t.text.toUpperCase() === w;
  const describe = (t: FilterToken) => (t.kind === 'eof' ? 'the end of the expression' : t.kind === 'string' ? `"${t.text}"` : `"${t.text}"`);
  const expected = (what: string, t: FilterToken): never => {
    throw filterError(`expected ${what} but found ${describe(t)}`, t.position);
  };
  const expectOp = (op: string): FilterToken => (peek().kind === 'op' && peek().text === op ? take() : expected(`"${op}"`, peek()));

  function expr(): FilterNode {
    const operands = [and()];
    while (isWord(peek(), 'OR')) {
      take();
      operands.push(and());
    }
    return operands.length === 1 ? (operands[0] as FilterNode) : { type: 'or', operands };
  }

  function and(): FilterNode {
    const operands = [unary()];
    while (isWord(peek(), 'AND')) {
      take();
      operands.push(unary());
    }
    return operands.length === 1 ? (operands[0] as FilterNode) : { type: 'and', operands };
  }

  function unary(): FilterNode {
    const t = peek();
    if (t.kind === 'op' && t.text === '!') {
      take();
      return { type: 'not', operand: unary() };
    }
    if (t.kind === 'op' && t.text === '(') {
      take();
      const inner = expr();
      expectOp(')');
      return inner;
    }
    if (t.kind !== 'word' || isWord(t, 'AND') || isWord(t, 'OR')) return expected(`a keyword (${SUPPORTED}), "!" or "("`, t);
    return term(take());
  }

  function operator(allowed: ReadonlySet<string>, what: string): { op: string; token: FilterToken } {
    const t = peek();
    const op = t.kind === 'op' ? t.text : t.kind === 'word' ? t.text.toUpperCase() : '';
    if (!allowed.has(op)) return expected(what, t);
    take();
    return { op, token: t };
  }

  function booleanValue(): boolean {
    const t = peek();
    if (isWord(t, 'TRUE') || isWord(t, 'FALSE')) return take().text.toUpperCase() === 'TRUE';
    return expected('true or false', t);
  }

  function term(word: FilterToken): FilterNode {
    const lower = word.text.toLowerCase();
    if (lower === 'service') {
      expectOp('(');
      const name = peek();
      if (name.kind !== 'string') return expected('a quoted service name', name);
      take();
      expectOp(')');
      if (peek().kind === 'op' && peek().text === '{') throw filterError('service("name") { filter } is not supported; combine conditions with AND', peek().position);
      return { type: 'service', name: name.text };
    }
    if (lower === 'annotation' || lower.startsWith('annotation.')) return annotation(word);
    if (FLAG_KEYWORDS.has(lower)) {
      const t = peek();
      if (t.kind === 'op' && (t.text === '=' || t.text === '!=')) {
        take();
        const value = booleanValue();
        return { type: 'flag', keyword: lower as FlagKeyword, value: t.text === '=' ? value : !value };
      }
      return { type: 'flag', keyword: lower as FlagKeyword, value: true };
    }
    if (NUMBER_KEYWORDS.has(lower)) {
      const { op } = operator(NUMBER_OPERATORS, `a comparison (=, !=, <, <=, >, >=) after ${lower}`);
      const n = peek();
      if (n.kind !== 'number') return expected(`a number after ${lower} ${op}`, n);
      take();
      return { type: 'number', keyword: lower as NumberKeyword, op: op as NumberOperator, value: Number(n.text) };
    }
    if (STRING_KEYWORDS.has(lower)) {
      const { op } = operator(STRING_OPERATORS, `=, !=, CONTAINS, BEGINSWITH or ENDSWITH after ${lower}`);
      const s = peek();
      if (s.kind !== 'string') return expected(`a quoted string after ${lower} ${op}`, s);
      take();
      return { type: 'string', keyword: lower as StringKeyword, op: op as StringOperator, value: s.text };
    }
    throw filterError(`unknown or unsupported keyword "${word.text}" (supported: ${SUPPORTED})`, word.position);
  }

  function annotation(word: FilterToken): FilterNode {
    let key = word.text.slice('annotation.'.length);
    if (word.text.length === 'annotation'.length) {
      expectOp('[');
      const k = peek();
      if (k.kind !== 'word' && k.kind !== 'string') return expected('an annotation key', k);
      key = take().text;
      expectOp(']');
    }
    if (key === '') throw filterError('annotation needs a key, like annotation.account', word.position);
    const t = peek();
    const op = t.kind === 'op' ? t.text : t.kind === 'word' ? t.text.toUpperCase() : '';
    if (!NUMBER_OPERATORS.has(op) && !STRING_OPERATORS.has(op)) return { type: 'annotation', key, op: '=', value: true };
    take();
    const v = peek();
    if (v.kind === 'string') {
      if (!STRING_OPERATORS.has(op)) throw filterError(`${op} does not compare strings (use =, !=, CONTAINS, BEGINSWITH or ENDSWITH)`, t.position);
      take();
      return { type: 'annotation', key, op: op as StringOperator, value: v.text };
    }
    if (v.kind === 'number') {
      if (!NUMBER_OPERATORS.has(op)) throw filterError(`${op} does not compare numbers`, t.position);
      take();
      return { type: 'annotation', key, op: op as NumberOperator, value: Number(v.text) };
    }
    if (isWord(v, 'TRUE') || isWord(v, 'FALSE')) {
      if (op !== '=' && op !== '!=') throw filterError(`${op} does not compare booleans (use = or !=)`, t.position);
      return { type: 'annotation', key, op, value: booleanValue() };
    }
    return expected(`a value (a quoted string, a number, true or false) after annotation.${key} ${op}`, v);
  }

  if (peek().kind === 'eof') throw filterError('empty expression', 1);
  const root = expr();
  const rest = peek();
  if (rest.kind !== 'eof') expected('AND, OR or the end of the expression', rest);
  return root;
}
