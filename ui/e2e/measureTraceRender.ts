import { BIG_TRACE_ID, BIG_TRACE_SPANS, bigTrace } from './seedTraces.js';
import { startUiHarness } from './startUiHarness.js';
import { timeTraceRender } from './timeTraceRender.js';

export interface TraceRenderMeasurement {
  /** From navigation start until the first waterfall rows are in the page. */
  firstRowsMillis: number;
  /** From navigation start until a collapse click on the root row was answered. */
  interactiveMillis: number;
  spans: number;
}

/**
 * The render benchmark (imported by bench/uiRenderBench.ts): the UI harness with only the
 * 10,000-span trace, sent through the otlp receiver, opened once in Chromium. Everything it starts is closed before it
 * returns. Throws when Chromium is not installed.
 */
export async function measureTraceRender(): Promise<TraceRenderMeasurement> {
  const ui = await startUiHarness([bigTrace(BigInt(Date.now()) * 1_000_000n)]);
  try {
    const timing = await timeTraceRender(ui.page, ui.baseUrl, BIG_TRACE_ID, BIG_TRACE_SPANS);
    if (ui.pageErrors.length > 0) throw new Error(`the trace page threw: ${ui.pageErrors.join('; ')}`);
    return { ...timing, spans: BIG_TRACE_SPANS };
  } finally {
    await ui.close();
  }
}
