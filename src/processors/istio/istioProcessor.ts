import type { ComponentSettings, Consumer, Processor } from '../../pipeline/component.js';
import type { IstioConfig } from './config.js';
import { createMeshNormalizer } from './meshNormalizer.js';

/**
 * The `istio` processor: normalizes each batch in place (it owns the batch it is given, model/span.ts) and hands the
 * same batch to `next`, resolving or rejecting as `next` does. It drops nothing, so it counts nothing.
 */
export function createIstioProcessor(_settings: ComponentSettings, config: IstioConfig, next: Consumer): Processor {
  const normalizer = createMeshNormalizer(config);
  return {
    async start() {},
    async shutdown() {
      normalizer.clear();
    },
    async consume(batch) {
      normalizer.normalize(batch);
      await next.consume(batch);
    },
  };
}
