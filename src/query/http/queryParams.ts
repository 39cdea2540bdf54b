import { badParameter } from './queryError.js';

/** A parsed query string: Fastify's parser gives repeated keys as arrays. */
export type QueryParams = Readonly<Record<string, string | string[] | undefined>>;

/** The single value of a parameter, undefined when absent or empty; repeating it is a 400. */
export function oneParam(query: QueryParams, name: string): string | undefined {
  const v = query[name];
  if (Array.isArray(v)) throw badParameter(name, 'given more than once');
  return v === undefined || v === '' ? undefined : v;
}

/** Every non-empty value of a repeatable parameter, in order. */
export function manyParams(query: QueryParams, name: string): string[] {
  const v = query[name];
  if (v === undefined) return [];
  return (Array.isArray(v) ? v : [v]).filter((x) => x !== '');
}
