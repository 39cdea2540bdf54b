// Jaeger's api_v2 protobuf types (model.proto, collector.proto, sampling.proto from jaegertracing/jaeger-idl,
// vendored in proto/jaeger/api_v2), loaded once by protobufjs. Their gogoproto and google.api imports only add code
// generation options and HTTP annotations, so they are skipped; google/protobuf/* come bundled with protobufjs.
import { dirname, join } from 'node:path';
import protobuf from 'protobufjs';
import { packagePath } from '../../packageRoot.js';

function loadRoot(): protobuf.Root {
  const base = packagePath('proto', 'jaeger', 'api_v2');
  const root = new protobuf.Root();
  root.resolvePath = (origin, target) => {
    if (target.startsWith('gogoproto/') || target.startsWith('google/api/')) return null;
    if (target.startsWith('google/protobuf/')) return target;
    return origin === '' ? join(base, target) : join(dirname(origin), target);
  };
  root.loadSync(['collector.proto', 'sampling.proto']);
  root.resolveAll();
  return root;
}

const root = loadRoot();

export const PostSpansRequestType = root.lookupType('jaeger.api_v2.PostSpansRequest');
export const PostSpansResponseType = root.lookupType('jaeger.api_v2.PostSpansResponse');
export const SamplingStrategyParametersType = root.lookupType('jaeger.api_v2.SamplingStrategyParameters');
export const SamplingStrategyResponseType = root.lookupType('jaeger.api_v2.SamplingStrategyResponse');

/** gRPC method paths, `/package.Service/Method`. */
export const COLLECTOR_POST_SPANS_PATH = '/jaeger.api_v2.CollectorService/PostSpans';
export const SAMPLING_GET_STRATEGY_PATH = '/jaeger.api_v2.SamplingManager/GetSamplingStrategy';
