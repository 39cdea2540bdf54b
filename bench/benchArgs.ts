// Command-line options of `npm run bench` (`npm run bench -- [options]`, or `node --import tsx bench/main.ts
// [options]`).
import type { BenchOptions } from './benchSection.js';
import { E2E_SCENARIOS, type E2eScenario } from './e2e/e2eBodies.js';

export interface BenchArgs extends BenchOptions {
  /** Section names to run; empty = all. */
  only: string[];
  help: boolean;
}

export const BENCH_USAGE = `usage: npm run bench -- [--only NAME[,NAME]] [--spans N] [--clickhouse-spans N] [--runs N] [--warmups N]
                       [--duration S] [--connections N] [--protocols NAME[,NAME]]
  --only NAME        run only these sections (pipeline, store, clickhouse, xray, ui, e2e); repeatable
  --spans N          spans stored before the store queries are timed (default 1000000)
  --clickhouse-spans N
                     spans bulk-loaded into ClickHouse before its queries are timed (default 10000000)
  --runs N           measured passes per figure, the median is printed (default 5)
  --warmups N        passes run first and discarded (default 2)
  --duration S       e2e: seconds of load per protocol (default 15)
  --connections N    e2e: requests kept in flight (default 64; the overload load uses 4 times as many)
  --protocols NAME   e2e: loads to run, of ${E2E_SCENARIOS.join(', ')} (default all); repeatable`;

function positiveInt(flag: string, text: string | undefined, min: number): number {
  if (text === undefined || !/^\d+$/.test(text) || Number(text) < min) throw new Error(`${flag}: expected an integer >= ${min}, got ${JSON.stringify(text ?? '')}`);
  return Number(text);
}

/** Parses argv (without node and script); `sections` are the valid `--only` names. Throws on a bad option. */
export function parseBenchArgs(argv: readonly string[], sections: readonly string[]): BenchArgs {
  const args: BenchArgs = { only: [], help: false, runs: 5, warmups: 2, storeSpans: 1_000_000, clickhouseSpans: 10_000_000, e2eSeconds: 15, e2eConnections: 64, e2eProtocols: [...E2E_SCENARIOS] };
  let protocolsGiven = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const eq = arg.indexOf('=');
    const flag = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    const value = () => (arg.startsWith('--') && eq > 0 ? arg.slice(eq + 1) : argv[++i]);
    switch (flag) {
      case '--only':
        for (const name of (value() ?? '').split(',')) {
          if (!sections.includes(name)) throw new Error(`--only: unknown section ${JSON.stringify(name)} (sections: ${sections.join(', ')})`);
          if (!args.only.includes(name)) args.only.push(name);
        }
        break;
      case '--spans':
        args.storeSpans = positiveInt(flag, value(), 1);
        break;
      case '--clickhouse-spans':
        args.clickhouseSpans = positiveInt(flag, value(), 1);
        break;
      case '--runs':
        args.runs = positiveInt(flag, value(), 1);
        break;
      case '--warmups':
        args.warmups = positiveInt(flag, value(), 0);
        break;
      case '--duration':
        args.e2eSeconds = positiveInt(flag, value(), 1);
        break;
      case '--connections':
        args.e2eConnections = positiveInt(flag, value(), 1);
        break;
      case '--protocols':
        if (!protocolsGiven) args.e2eProtocols = [];
        protocolsGiven = true;
        for (const name of (value() ?? '').split(',')) {
          if (!(E2E_SCENARIOS as readonly string[]).includes(name)) throw new Error(`--protocols: unknown load ${JSON.stringify(name)} (loads: ${E2E_SCENARIOS.join(', ')})`);
          if (!args.e2eProtocols.includes(name as E2eScenario)) args.e2eProtocols.push(name as E2eScenario);
        }
        break;
      case '--help':
      case '-h':
        args.help = true;
        break;
      default:
        throw new Error(`unknown option ${JSON.stringify(arg)}`);
    }
  }
  return args;
}
