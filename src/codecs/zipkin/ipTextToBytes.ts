import { isIP } from 'node:net';

/** The 4 or 16 bytes of an IPv4 or IPv6 address text (zipkin.proto's Endpoint.ipv4/ipv6); undefined if not an IP. */
export function ipTextToBytes(text: string): Uint8Array | undefined {
  const family = isIP(text);
  if (family === 4) return Uint8Array.from(text.split('.').map(Number));
  if (family !== 6 || text.includes('%')) return undefined;
  let s = text;
  const tail = s.slice(s.lastIndexOf(':') + 1);
  if (tail.includes('.')) {
    // An embedded IPv4 tail (`::ffff:1.2.3.4`) is two 16-bit groups.
    const [a = 0, b = 0, c = 0, d = 0] = tail.split('.').map(Number);
    s = `${s.slice(0, s.length - tail.length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', rest] = s.split('::');
  const high = head === '' ? [] : head.split(':');
  const low = rest === undefined || rest === '' ? [] : rest.split(':');
  const groups = [...high, ...Array<string>(8 - high.length - low.length).fill('0'), ...low];
  const out = new Uint8Array(16);
  groups.forEach((g, i) => {
    const v = parseInt(g, 16);
    out[i * 2] = v >> 8;
    out[i * 2 + 1] = v & 0xff;
  });
  return out;
}
