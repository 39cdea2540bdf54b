import { Type, type Static } from '@sinclair/typebox';
import { configObject, recordOf, stringEnum } from '../../config/configSchema.js';
import { exporterHelperProperties } from '../../pipeline/queuedExporter.js';

/** `exporters.otlp` (OTLP/gRPC), keys as in the Collector's otlpexporter. */
export const otlpGrpcExporterConfigSchema = configObject({
  // A URL's scheme wins over `tls.insecure`: `http://` means plaintext and `https://` TLS.
  endpoint: Type.String({ pattern: '^(https?://[^\\s/]+/?|[^\\s:/]*:\\d{1,5}|\\[[0-9a-fA-F:.]+\\]:\\d{1,5})$', description: 'host:port, or http(s)://host[:port]' }),
  tls: configObject(
    {
      insecure: Type.Boolean({ default: false, description: 'true: plaintext, no TLS' }),
      // Trusted instead of the system roots.
      ca_file: Type.Optional(Type.String({ minLength: 1, description: 'PEM file with the CA certificates to trust' })),
    },
    { default: {} },
  ),
  headers: recordOf(Type.String(), { default: {}, description: 'request metadata' }),
  compression: stringEnum(['gzip', 'none'], { default: 'gzip', description: 'message compression' }),
  ...exporterHelperProperties,
});

export type OtlpGrpcExporterConfig = Static<typeof otlpGrpcExporterConfigSchema>;
