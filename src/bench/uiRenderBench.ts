// Section 4 (issue 3 item 6): the time to render a 10,000-span trace in Chromium. The UI's own end-to-end code
// (src/ui-e2e/) owns the browser harness; this section only calls its measurement when that module exports one:
//   src/ui-e2e/measureTraceRender.ts: measureTraceRender(): Promise<{ firstRowsMillis: number; interactiveMillis: number }>
// and otherwise says it was skipped.
import type { BenchOptions, BenchSection, Print } from './benchSection.js';
import { formatMillis, formatTable, targetMark } from './formatTable.js';
import { median } from './measure.js';

export interface TraceRenderTiming {
  firstRowsMillis: number;
  interactiveMillis: number;
}

type MeasureTraceRender = () => Promise<TraceRenderTiming>;

/** The module path is computed so that the build does not require the module to exist. */
const MEASURE_MODULE = ['..', 'ui-e2e', 'measureTraceRender.js'].join('/');

export async function loadMeasureTraceRender(path: string = MEASURE_MODULE): Promise<MeasureTraceRender | string> {
  let mod: Record<string, unknown>;
  try {
    mod = (await import(path)) as Record<string, unknown>;
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'ERR_MODULE_NOT_FOUND') return `${path} does not exist yet`;
    throw e;
  }
  const fn = mod.measureTraceRender;
  return typeof fn === 'function' ? (fn as MeasureTraceRender) : `${path} exports no measureTraceRender function`;
}

async function run(options: BenchOptions, print: Print): Promise<void> {
  const measure = await loadMeasureTraceRender();
  if (typeof measure === 'string') {
    print(`skipped: ${measure} (src/ui-e2e/ measures the 10k-span render in its UI test; export measureTraceRender() to have it here)`);
    return;
  }
  const runs: TraceRenderTiming[] = [];
  for (let i = 0; i < Math.min(options.warmups, 1) + Math.min(options.runs, 3); i++) runs.push(await measure());
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
  title: '4. UI (issue 3): a 10,000-span trace rendered in Chromium',
  run,
};
