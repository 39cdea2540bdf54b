// `npm run bench`: prints throughput, latency percentiles and RSS for the pipeline, the store, the X-Ray codec, the UI
// and the end-to-end figures of the CLI, each beside a baseline measured in the same run and its target. Sections 1-4 measure components in this
// process; `e2e` measures dist/main.js in a process of its own, loaded from another (README.md).
import { cpus, loadavg } from 'node:os';
import { BENCH_USAGE, parseBenchArgs } from './benchArgs.js';
import type { BenchSection } from './benchSection.js';
import { clickhouseBench } from './clickhouseBench.js';
import { e2eBench } from './e2e/e2eBench.js';
import { pipelineBench } from './pipelineBench.js';
import { storeBench } from './storeBench.js';
import { uiRenderBench } from './uiRenderBench.js';
import { xrayBench } from './xrayBench.js';

const SECTIONS: readonly BenchSection[] = [pipelineBench, storeBench, clickhouseBench, xrayBench, uiRenderBench, e2eBench];

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
  print(`spanbridge bench: node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model ?? 'unknown'}), sections 1-4 in this process; median of ${args.runs} runs after ${args.warmups} warm-ups; load average ${load()}`);
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
