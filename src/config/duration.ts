import { Type, type TString } from '@sinclair/typebox';
import { DURATION_PATTERN } from '../model/duration.js';

/** A duration setting with its default (src/model/duration.ts: Go's grammar); the description gains the notation. */
export function durationSchema(defaultValue: string, description: string): TString {
  return Type.String({ pattern: DURATION_PATTERN, default: defaultValue, description: `${description}; a duration like "5s" or "200ms"` });
}
