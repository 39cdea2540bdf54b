import { request } from 'node:http';

/**
 * A request to 127.0.0.1:`port` with any headers, Host included (fetch may not set Host, and the sidecars route on
 * it). Resolves with the status and body text.
 */
export function httpRequest(port: number, path: string, headers: Record<string, string>, options: { method?: string; body?: string } = {}): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(options.body);
  });
}
