import { PipelineError } from '../../../errors.js';

export type FilterTokenKind = 'word' | 'string' | 'number' | 'op' | 'eof';

export interface FilterToken {
  kind: FilterTokenKind;
  /** The token as written (for a string: the text between the quotes, unescaped). */
  text: string;
  /** 1-based character position of the token's first character in the expression. */
  position: number;
}

/** X-Ray's limit on FilterExpression (the API reference: 2000 characters). */
export const MAX_FILTER_EXPRESSION_LENGTH = 2000;

const WORD = /[A-Za-z_][A-Za-z0-9_.]*/y;
const NUMBER = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const OPERATORS = ['!=', '<=', '>=', '=', '<', '>', '!', '(', ')', '[', ']', '{', '}', ','];

/** SB_MALFORMED for a filter expression, naming the 1-based position (the API answers it as a 400). */
export function filterError(problem: string, position: number): PipelineError {
  return new PipelineError('SB_MALFORMED', `FilterExpression: ${problem} at position ${position}`);
}

/**
 * Splits a filter expression into words (keywords, `annotation.key`, AND/OR), double-quoted strings (backslash
 * escapes the next character), numbers and operators, ending with an `eof` token.
 */
export function tokenizeFilter(text: string): FilterToken[] {
  if (text.length > MAX_FILTER_EXPRESSION_LENGTH) throw filterError(`longer than ${MAX_FILTER_EXPRESSION_LENGTH} characters`, MAX_FILTER_EXPRESSION_LENGTH + 1);
  const tokens: FilterToken[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const position = i + 1;
    if (c === '"') {
      let value = '';
      let j = i + 1;
      for (; j < text.length && text[j] !== '"'; j++) {
        if (text[j] === '\\' && j + 1 < text.length) j++;
        value += text[j];
      }
      if (j >= text.length) throw filterError('string not closed (missing ")', position);
      tokens.push({ kind: 'string', text: value, position });
      i = j + 1;
      continue;
    }
    NUMBER.lastIndex = i;
    const number = /[-\d]/.test(c) ? NUMBER.exec(text) : null;
    if (number !== null) {
      tokens.push({ kind: 'number', text: number[0], position });
      i += number[0].length;
      continue;
    }
    WORD.lastIndex = i;
    const word = WORD.exec(text);
    if (word !== null) {
      tokens.push({ kind: 'word', text: word[0], position });
      i += word[0].length;
      continue;
    }
    const op = OPERATORS.find((o) => text.startsWith(o, i));
    if (op === undefined) throw filterError(`unexpected character ${JSON.stringify(c)}`, position);
    tokens.push({ kind: 'op', text: op, position });
    i += op.length;
  }
  tokens.push({ kind: 'eof', text: '', position: text.length + 1 });
  return tokens;
}
