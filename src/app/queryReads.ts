// Where the store is read (docs/threads.md, "Reads"). Database files are queried from the query thread, which opens
// its own read-only connection to each (with tenancy, one per tenant); the read routes on receivers' ports (Zipkin's
// query API, the X-Ray API's reads) stay on this thread but send their store calls there (src/query/remoteReader.ts).
// In-memory stores cannot be shared between connections: they, and every store when there is no query section, are
// read on this thread.
import type { FastifyRequest } from 'fastify';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { requestTenant, type Tenancy } from '../http/tenancy.js';
import type { ReaderSource } from '../query/http/queryRoute.js';
import { remoteReader } from '../query/remoteReader.js';
import { readerChannel, type ReaderChannel } from '../store/sqlite/workerStore.js';
import type { StoreReader, TraceStore } from '../store/store.js';
import type { TenantStores } from '../store/tenantStores.js';

export interface QueryReads {
  /** What the query APIs on this thread read: one reader, or per request the reader of the request's tenant. */
  source: ReaderSource | undefined;
  /** The reader of the store (tenancy off) for read routes on receivers' ports. */
  reader?: StoreReader;
  /** The reader of a tenant's store (tenancy on) for read routes on receivers' ports. */
  tenantReader?: (tenant: string) => StoreReader | undefined;
  /** What the query thread reads, when the stores are files it can open; undefined: the query server runs here. */
  thread?: { channel: ReaderChannel; reads: MessagePort } | { tenants: { tenant: string; channel: ReaderChannel; reads: MessagePort }[] };
}

/** `threaded`: whether a query thread will run (a `query` section), so that reads may be sent to it. */
export function planQueryReads(store: TraceStore | undefined, tenantStores: TenantStores | undefined, tenancy: Tenancy | undefined, threaded: boolean): QueryReads {
  if (tenancy !== undefined && tenantStores !== undefined) {
    const channels = threaded ? tenancy.tenants.map((tenant) => ({ tenant, store: tenantStores.storeOf(tenant) })) : [];
    const opened = channels.map(({ tenant, store: s }) => ({ tenant, channel: s === undefined ? undefined : readerChannel(s) }));
    const remote = new Map<string, StoreReader>();
    let thread: QueryReads['thread'];
    if (opened.length > 0 && opened.every((o) => o.channel !== undefined)) {
      const tenants = opened.map(({ tenant, channel }) => {
        const ports = new MessageChannel();
        remote.set(tenant, remoteReader(ports.port1));
        return { tenant, channel: channel as ReaderChannel, reads: ports.port2 };
      });
      thread = { tenants };
    }
    const tenantReader = (tenant: string): StoreReader | undefined => remote.get(tenant) ?? tenantStores.storeOf(tenant);
    const source = (request: FastifyRequest): StoreReader => {
      const reader = tenantReader(requestTenant(request) ?? '');
      if (reader === undefined) throw new Error('a query reached the store without an admitted tenant');
      return reader;
    };
    return { source, tenantReader, ...(thread === undefined ? {} : { thread }) };
  }
  if (store === undefined) return { source: undefined };
  const channel = threaded ? readerChannel(store) : undefined;
  if (channel === undefined) return { source: store };
  const ports = new MessageChannel();
  const reader = remoteReader(ports.port1);
  return { source: reader, reader, thread: { channel, reads: ports.port2 } };
}
