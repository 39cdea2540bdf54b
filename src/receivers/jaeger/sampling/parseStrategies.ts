// Jaeger's sampling strategies file (the `--sampling.strategies-file` of jaeger-collector), read by the rules of
// Jaeger's file strategy provider: unknown strategy types fall back to probabilistic 0.001; operation strategies are
// probabilistic only (others are skipped); a service without operation strategies inherits the default strategy's,
// with its own probabilistic rate as their default; a service with some gets the default's for operations it does
// not name. docs/jaeger-mapping.md, "Remote sampling".
import { Type, type Static } from '@sinclair/typebox';
import { Ajv } from 'ajv';
import { ajvProblems } from '../../../config/ajvProblems.js';
import { DEFAULT_SAMPLING_PROBABILITY, probabilistic, type OperationStrategy, type PerOperationStrategies, type SamplingStrategy } from './samplingStrategy.js';

const strategy = { type: Type.String(), param: Type.Number() };
const operationStrategy = Type.Object({ operation: Type.String(), ...strategy });
const serviceFields = { ...strategy, operation_strategies: Type.Optional(Type.Array(operationStrategy)) };
const strategiesFile = Type.Object({
  default_strategy: Type.Optional(Type.Object(serviceFields)),
  service_strategies: Type.Optional(Type.Array(Type.Object({ service: Type.String(), ...serviceFields }))),
});

type ServiceEntry = Static<typeof strategiesFile>['default_strategy'] & object;

const validate = new Ajv({ allErrors: true, strict: false }).compile<Static<typeof strategiesFile>>(strategiesFile);

export interface Strategies {
  defaultStrategy: SamplingStrategy;
  serviceStrategies: ReadonlyMap<string, SamplingStrategy>;
}

/** Probabilistic 0.001 for every service: what Jaeger serves without a strategies file. */
export const DEFAULT_STRATEGIES: Strategies = { defaultStrategy: probabilistic(DEFAULT_SAMPLING_PROBABILITY), serviceStrategies: new Map() };

function parseStrategy(type: string, param: number): SamplingStrategy {
  if (type === 'probabilistic') return probabilistic(param);
  if (type === 'ratelimiting') return { strategyType: 'RATE_LIMITING', rateLimitingSampling: { maxTracesPerSecond: Math.trunc(param) } };
  return probabilistic(DEFAULT_SAMPLING_PROBABILITY);
}

function parseService(entry: ServiceEntry): SamplingStrategy {
  const resp = parseStrategy(entry.type, entry.param);
  const ops = entry.operation_strategies ?? [];
  if (ops.length === 0) return resp;
  const perOperationStrategies: OperationStrategy[] = ops.filter((o) => parseStrategy(o.type, o.param).strategyType === 'PROBABILISTIC').map((o) => ({ operation: o.operation, probabilisticSampling: { samplingRate: parseStrategy(o.type, o.param).probabilisticSampling?.samplingRate ?? DEFAULT_SAMPLING_PROBABILITY } }));
  const operationSampling: PerOperationStrategies = {
    defaultSamplingProbability: resp.probabilisticSampling?.samplingRate ?? DEFAULT_SAMPLING_PROBABILITY,
    defaultLowerBoundTracesPerSecond: 0,
    perOperationStrategies,
    defaultUpperBoundTracesPerSecond: 0,
  };
  return { ...resp, operationSampling };
}

/** Parses the file's text; throws an Error naming every problem when it is not a strategies document. */
export function parseStrategies(text: string): Strategies {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new Error(`not valid JSON: ${(e as Error).message}`);
  }
  if (!validate(json)) throw new Error(ajvProblems('strategies', validate.errors).join('; '));
  const defaultStrategy = json.default_strategy === undefined ? probabilistic(DEFAULT_SAMPLING_PROBABILITY) : parseService(json.default_strategy);
  const defaultOps = defaultStrategy.operationSampling;
  const serviceStrategies = new Map<string, SamplingStrategy>();
  for (const entry of json.service_strategies ?? []) {
    let s = parseService(entry);
    if (defaultOps !== undefined) {
      if (s.operationSampling === undefined) {
        s = { ...s, operationSampling: { ...defaultOps, defaultSamplingProbability: s.probabilisticSampling?.samplingRate ?? defaultOps.defaultSamplingProbability } };
      } else {
        const named = new Set(s.operationSampling.perOperationStrategies.map((o) => o.operation));
        s.operationSampling.perOperationStrategies.push(...defaultOps.perOperationStrategies.filter((o) => !named.has(o.operation)));
      }
    }
    serviceStrategies.set(entry.service, s);
  }
  return { defaultStrategy, serviceStrategies };
}
