// The time to render a 10,000-span trace in Chromium. The UI's browser tests (ui/e2e/) own the harness; this
// section calls their measurement.
import type { BenchOptions, BenchSection, Print } from './benchSection.js';
import { formatMillis, formatTable, targetMark } from './formatTable.js';
import { median } from './measure.js';
import { measureTraceRender } from '../ui/e2e/measureTraceRender.js';

async function run(options: BenchOptions, print: Print): Promise<void> {
  const runs: Awaited<ReturnType<typeof measureTraceRender>>[] = [];
  for (let i = 0; i < Math.min(options.warmups, 1) + Math.min(options.runs, 3); i++) runs.push(await measureTraceRender());
  const measured = runs.slice(Math.min(options.warmups, 1));
  const interactive = median(measured.map((r) => r.interactiveMillis));
  print(
    formatTable(
      ['measure', 'first rows', 'interactive', 'target'],
      [['10,000-span trace in Chromium', formatMillis(median(measured.map((r) => r.firstRowsMillis))), formatMillis(interactive), targetMark('interactive < 1.5 s', interactive < 1500)]],
    ),
  );
}

export const uiRenderBench: BenchSection = {
  name: 'ui',
  title: '4. UI: a 10,000-span trace rendered in Chromium',
  run,
};
