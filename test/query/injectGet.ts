import type { FastifyInstance } from 'fastify';

export interface GetResult {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  text: string;
  /** The body parsed as JSON (undefined when it is not JSON). */
  json: unknown;
}

/** A GET through Fastify's inject (the public API, no socket). */
export async function injectGet(app: FastifyInstance, url: string): Promise<GetResult> {
  const res = await app.inject({ method: 'GET', url });
  let json: unknown;
  try {
    json = JSON.parse(res.body);
  } catch {
    json = undefined;
  }
  return { status: res.statusCode, headers: res.headers, text: res.body, json };
}

/** A query string from pairs (repeated keys allowed), percent-encoded. */
export function qs(pairs: Array<[string, string | number | bigint]>): string {
  return pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`).join('&');
}
