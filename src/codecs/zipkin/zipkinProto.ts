// zipkin.proto (proto/zipkin/zipkin.proto, openzipkin/zipkin-api at 069ec8d), loaded once by protobufjs so field
// numbers come from upstream's IDL. Field names are kept in snake_case (`trace_id`), as protojson and the IDL write them.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import protobuf from 'protobufjs';

/** `proto/` beside package.json, found from this module in src/ or dist/. */
function protoDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('proto/ not found: no package.json above ' + fileURLToPath(import.meta.url));
    dir = up;
  }
  return join(dir, 'proto');
}

const root = new protobuf.Root().loadSync(join(protoDir(), 'zipkin', 'zipkin.proto'), { keepCase: true });
root.resolveAll();

/** `zipkin.proto3.ListOfSpans`, the body of a proto3 POST to /api/v2/spans. */
export const ListOfSpansType = root.lookupType('zipkin.proto3.ListOfSpans');
