// A sampling strategy as Jaeger's api_v2 sampling.proto `SamplingStrategyResponse` describes it; what the HTTP and
// gRPC sampling endpoints serve.

export type StrategyType = 'PROBABILISTIC' | 'RATE_LIMITING';

export interface OperationStrategy {
  operation: string;
  probabilisticSampling: { samplingRate: number };
}

export interface PerOperationStrategies {
  defaultSamplingProbability: number;
  defaultLowerBoundTracesPerSecond: number;
  perOperationStrategies: OperationStrategy[];
  defaultUpperBoundTracesPerSecond: number;
}

export interface SamplingStrategy {
  strategyType: StrategyType;
  probabilisticSampling?: { samplingRate: number };
  rateLimitingSampling?: { maxTracesPerSecond: number };
  operationSampling?: PerOperationStrategies;
}

/** What Jaeger serves for a service the strategies do not name when there is no file or no default_strategy. */
export const DEFAULT_SAMPLING_PROBABILITY = 0.001;

export function probabilistic(samplingRate: number): SamplingStrategy {
  return { strategyType: 'PROBABILISTIC', probabilisticSampling: { samplingRate } };
}

/** The JSON of `GET /sampling`: api_v2 protobuf JSON with defaults emitted and absent messages left out, as Jaeger writes it. */
export function strategyToJson(s: SamplingStrategy): Record<string, unknown> {
  return {
    strategyType: s.strategyType,
    ...(s.probabilisticSampling === undefined ? {} : { probabilisticSampling: s.probabilisticSampling }),
    ...(s.rateLimitingSampling === undefined ? {} : { rateLimitingSampling: s.rateLimitingSampling }),
    ...(s.operationSampling === undefined ? {} : { operationSampling: s.operationSampling }),
  };
}

/** The JSON of the legacy `GET /` route: the same with the enum as Thrift 0.9.2 wrote it, a number (0, 1). */
export function strategyToLegacyJson(s: SamplingStrategy): Record<string, unknown> {
  return { ...strategyToJson(s), strategyType: s.strategyType === 'PROBABILISTIC' ? 0 : 1 };
}
