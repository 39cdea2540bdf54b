// `npm run fuzz`: the fuzz suite with more inputs, from source. Flags: --count N (inputs per target, default 100000),
// --seed S (default: time-based, printed), --group NAME and --target TEXT (repeatable; substrings of names),
// --concurrency N. The CLI it runs against is dist/main.js, so `npm run build` first.
import { parseArgs } from 'node:util';
import { startAllInOne } from '../support/allInOne.js';
import { RSS_LIMIT_BYTES, SLOW_MILLIS, runGroup } from './fuzzRunner.js';
import { FUZZ_GROUPS } from './fuzzGroups.js';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '100000' },
    seed: { type: 'string' },
    group: { type: 'string', multiple: true },
    target: { type: 'string', multiple: true },
    concurrency: { type: 'string', default: '8' },
  },
});
const count = Number(values.count);
const seed = values.seed === undefined ? Date.now() % 2 ** 31 : Number(values.seed);
if (!Number.isSafeInteger(count) || count < 1 || !Number.isSafeInteger(seed)) {
  process.stderr.write('usage: npm run fuzz -- [--count N] [--seed S] [--group zipkin|otlp|xray|jaeger|query] [--target TEXT] [--concurrency N]\n');
  process.exit(2);
}
process.stdout.write(`fuzz: ${count} inputs per target, seed ${seed}\n`);
let failed = false;
for (const group of FUZZ_GROUPS) {
  if (values.group !== undefined && !values.group.includes(group.name)) continue;
  const a = await startAllInOne();
  try {
    await group.prepare?.(a);
    const report = await runGroup(a, group.targets(a), group.canary(a), {
      count,
      seed,
      concurrency: Number(values.concurrency),
      ...(values.target === undefined ? {} : { only: values.target }),
      log: (line) => process.stdout.write(`[${group.name}] ${line}\n`),
    });
    for (const t of report.targets) for (const e of t.examples) process.stdout.write(`[${group.name}] FAILURE ${t.target}: ${e}\n`);
    for (const c of report.canaryFailures.slice(0, 10)) process.stdout.write(`[${group.name}] CANARY FAILURE ${c}\n`);
    const bad = !report.healthy || report.canaryFailures.length > 0 || report.peakRssBytes > RSS_LIMIT_BYTES || report.targets.some((t) => t.failures > 0 || t.worstMillis > SLOW_MILLIS);
    if (bad) failed = true;
  } finally {
    await a.stop();
  }
}
process.stdout.write(failed ? 'fuzz: FAILED\n' : 'fuzz: no crash, no 5xx, no request over 5 s\n');
process.exit(failed ? 1 : 0);
