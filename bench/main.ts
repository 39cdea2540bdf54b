// `npm run bench`: prints throughput, latency percentiles and RSS for the pipeline, the store, the X-Ray codec and the
// UI, each beside a baseline measured in the same run and its target. Everything measured runs on this one thread (no
// workers).
import { cpus, loadavg } from 'node:os';
import { BENCH_USAGE, parseBenchArgs } from './benchArgs.js';
import type { BenchSection } from './benchSection.js';
import { clickhouseBench } from './clickhouseBench.js';
import { pipelineBench } from './pipelineBench.js';
import { storeBench } from './storeBench.js';
import { uiRenderBench } from './uiRenderBench.js';
import { xrayBench } from './xrayBench.js';

const SECTIONS: readonly BenchSection[] = [pipelineBench, storeBench, clickhouseBench, xrayBench, uiRenderBench];

async function main(): Promise<number> {
  let args;
  try {
    args = parseBenchArgs(process.argv.slice(2), SECTIONS.map((s) => s.name));
  } catch (e) {
    console.error(`${(e as Error).message}\n${BENCH_USAGE}`);
    return 2;
  }
  if (args.help) {
    console.log(BENCH_USAGE);
    return 0;
  }
  const print = (text: string) => console.log(text);
  const load = () => loadavg().map((l) => l.toFixed(1)).join(' ');
  print(`spanbridge bench: node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model ?? 'unknown'}), measured on one thread; median of ${args.runs} runs after ${args.warmups} warm-ups; load average ${load()}`);
  let failed = 0;
  for (const section of SECTIONS) {
    if (args.only.length > 0 && !args.only.includes(section.name)) continue;
    print(`\n== ${section.title}`);
    try {
      await section.run(args, print);
    } catch (e) {
      failed++;
      print(`section ${section.name} failed: ${(e as Error).stack ?? String(e)}`);
    }
  }
  print(`\nload average at the end: ${load()}`);
  return failed === 0 ? 0 : 1;
}

process.exitCode = await main();
