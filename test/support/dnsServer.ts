// A DNS server on a loopback UDP port for tests of DNS-driven components: it answers A queries from a table the test
// changes, AAAA and other types with no records, and unknown names with NXDOMAIN (RFC 1035, section 4).
import { createSocket, type Socket } from 'node:dgram';

export interface TestDnsServer {
  /** `127.0.0.1:port`, for `Resolver.setServers`. */
  readonly address: string;
  /** Sets the A records of a name (an empty list: the name exists with no A records). */
  setA(name: string, addresses: string[]): void;
  close(): Promise<void>;
}

const TYPE_A = 1;

/** The question's name (lower case), type and the offset just past the question. */
function readQuestion(msg: Buffer): { name: string; type: number; end: number } {
  const labels: string[] = [];
  let at = 12;
  while (msg[at] !== 0) {
    const length = msg[at] as number;
    labels.push(msg.toString('ascii', at + 1, at + 1 + length));
    at += 1 + length;
  }
  return { name: labels.join('.').toLowerCase(), type: msg.readUInt16BE(at + 1), end: at + 5 };
}

function answer(query: Buffer, records: Map<string, string[]>): Buffer {
  const { name, type, end } = readQuestion(query);
  const known = records.get(name);
  const addresses = known && type === TYPE_A ? known : [];
  const header = Buffer.alloc(12);
  query.copy(header, 0, 0, 2);
  // QR, opcode 0, RD copied, RA; rcode 3 (NXDOMAIN) for an unknown name.
  header.writeUInt16BE(0x8180 | ((query[2] as number) & 0x01) << 8 | (known ? 0 : 3), 2);
  header.writeUInt16BE(1, 4);
  header.writeUInt16BE(addresses.length, 6);
  const answers = addresses.map((address) => {
    const rr = Buffer.alloc(16);
    rr.writeUInt16BE(0xc00c, 0); // the name: a pointer to the question's
    rr.writeUInt16BE(TYPE_A, 2);
    rr.writeUInt16BE(1, 4); // class IN
    rr.writeUInt32BE(0, 6); // TTL
    rr.writeUInt16BE(4, 10);
    address.split('.').forEach((octet, i) => rr.writeUInt8(Number(octet), 12 + i));
    return rr;
  });
  return Buffer.concat([header, query.subarray(12, end), ...answers]);
}

export async function startTestDnsServer(): Promise<TestDnsServer> {
  const records = new Map<string, string[]>();
  const socket: Socket = createSocket('udp4');
  socket.on('message', (msg, peer) => {
    try {
      socket.send(answer(msg, records), peer.port, peer.address);
    } catch {
      // A query this server cannot read gets no answer; the client times out.
    }
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return {
    address: `127.0.0.1:${socket.address().port}`,
    setA: (name, addresses) => records.set(name.toLowerCase(), addresses),
    close: () => new Promise((resolve) => socket.close(() => resolve())),
  };
}
