import { request } from 'node:http';

/**
 * POSTs a body with node:http and resolves with the answer even when the server answers early and closes while the
 * body is still being written (a 413 for an oversized body), where fetch would fail with EPIPE.
 */
export function postRaw(url: string, body: Buffer | string, headers: Record<string, string> = {}): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { 'content-length': String(Buffer.byteLength(body)), ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
      res.on('error', reject);
    });
    let answered = false;
    req.on('response', () => (answered = true));
    req.on('error', (e) => {
      if (!answered) setTimeout(() => (answered ? undefined : reject(e)), 200);
    });
    req.end(body);
  });
}
