/** What a daemon-protocol datagram holds: the segment document's text, or why it is unusable. */
export type DaemonDatagram = { ok: true; document: string } | { ok: false; problem: string };

/**
 * Splits an X-Ray daemon datagram: a header line `{"format":"json","version":1}` (any JSON spacing), `\n`, then one
 * segment document (docs/xray-mapping.md, "The daemon protocol"; AWS X-Ray developer guide, "Sending segment documents
 * to the X-Ray daemon"). The document itself is decoded by the caller.
 */
export function splitDaemonDatagram(datagram: Buffer): DaemonDatagram {
  const text = datagram.toString('utf8');
  const newline = text.indexOf('\n');
  if (newline < 0) return { ok: false, problem: 'no header line: expected {"format":"json","version":1} and a newline before the segment document' };
  let header: unknown;
  try {
    header = JSON.parse(text.slice(0, newline));
  } catch {
    return { ok: false, problem: 'header line is not JSON: expected {"format":"json","version":1}' };
  }
  const h = header as { format?: unknown; version?: unknown } | null;
  if (h === null || typeof h !== 'object' || h.format !== 'json' || h.version !== 1) {
    return { ok: false, problem: `unsupported header ${text.slice(0, Math.min(newline, 100))}: expected {"format":"json","version":1}` };
  }
  const document = text.slice(newline + 1);
  if (document.trim() === '') return { ok: false, problem: 'no segment document after the header line' };
  return { ok: true, document };
}
