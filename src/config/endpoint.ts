// `host:port` endpoints as the Collector writes them; an empty host binds every interface.
import { Type, type TString } from '@sinclair/typebox';

const PORT = '(6553[0-5]|655[0-2]\\d|65[0-4]\\d{2}|6[0-4]\\d{3}|[1-5]\\d{4}|\\d{1,4})';
export const ENDPOINT_PATTERN = `^(\\[[0-9a-fA-F:.]+\\]|[^:\\s]*):${PORT}$`;

export interface HostPort {
  host: string;
  port: number;
}

export function parseEndpoint(endpoint: string): HostPort {
  const i = endpoint.lastIndexOf(':');
  if (i < 0) throw new Error(`endpoint "${endpoint}" must be host:port`);
  let host = endpoint.slice(0, i);
  if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
  const port = Number(endpoint.slice(i + 1));
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`endpoint "${endpoint}" has an invalid port`);
  return { host: host === '' ? '0.0.0.0' : host, port };
}

/** A `host:port` listen address with its default; the description gains the notation. */
export function endpointSchema(defaultValue: string, description: string): TString {
  return Type.String({ pattern: ENDPOINT_PATTERN, default: defaultValue, description: `${description}; host:port` });
}
