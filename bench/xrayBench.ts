// Bench section 3 (xray): OpenTelemetry -> X-Ray segment documents and back, on one thread, beside the same
// run's bare JSON.stringify / JSON.parse of the same documents.
import { batchToXrayDocuments } from '../src/codecs/xray/batchToXrayDocuments.js';
import { xrayDocumentToBatch } from '../src/codecs/xray/xrayDocumentToBatch.js';
import { countSpans } from '../src/model/batch.js';
import type { TraceBatch } from '../src/model/span.js';
import type { BenchOptions, BenchSection, Print } from './benchSection.js';
import { formatCount, formatMBps, formatMillis, formatRatio, formatTable, targetMark } from './formatTable.js';
import { percentile, perSecond, repeat, rssMiB, timeEach } from './measure.js';
import { shopBatches } from './shopBatches.js';

const BATCHES = 300;
const SPANS_PER_BATCH = 100;

async function run(options: BenchOptions, print: Print): Promise<void> {
  const now = BigInt(Date.now()) * 1_000_000n;
  const batches: TraceBatch[] = [...shopBatches({ seed: 23, totalSpans: BATCHES * SPANS_PER_BATCH, spansPerBatch: SPANS_PER_BATCH, fromNanos: now - 60_000_000_000n, toNanos: now })];
  const spans = batches.reduce((n, b) => n + countSpans(b), 0);
  // The documents of each batch, as text (what PutTraceSegments carries) and parsed (what JSON.stringify is given).
  const documents = batches.map((b) => {
    const r = batchToXrayDocuments(b);
    if (r.problems.length > 0) throw new Error(`X-Ray encoding reported problems: ${r.problems.slice(0, 3).join('; ')}`);
    return r.documents;
  });
  const parsed = documents.map((docs) => docs.map((d) => JSON.parse(d) as unknown));
  const docCount = documents.reduce((n, d) => n + d.length, 0);
  const bytes = documents.reduce((n, docs) => n + docs.reduce((m, d) => m + Buffer.byteLength(d), 0), 0);
  const decodedSpans = documents.reduce((n, docs) => n + docs.reduce((m, d) => m + countSpans(xrayDocumentToBatch(d)), 0), 0);

  let keep: unknown;
  const encode = await repeat(() => timeEach(batches, (b) => (keep = batchToXrayDocuments(b))), options);
  const stringify = await repeat(() => timeEach(parsed, (docs) => (keep = docs.map((d) => JSON.stringify(d)))), options);
  const decode = await repeat(() => timeEach(documents, (docs) => (keep = docs.map((d) => xrayDocumentToBatch(d)))), options);
  const parse = await repeat(() => timeEach(documents, (docs) => (keep = docs.map((d) => JSON.parse(d) as unknown))), options);
  if (keep === undefined) throw new Error('nothing measured');

  const encodeSps = perSecond(spans, encode.medianMillis);
  const decodeSps = perSecond(decodedSpans, decode.medianMillis);
  print(`${BATCHES} batches x ${SPANS_PER_BATCH} SDK spans per pass -> ${docCount} documents (${formatCount(bytes)}B); baseline = JSON.stringify / JSON.parse of the same documents; p50/p99 per batch`);
  print(
    formatTable(
      ['direction', 'spans/s', 'docs/s', 'MB/s', 'JSON docs/s', 'ratio', 'p50', 'p99', 'target'],
      [
        ['OTel -> X-Ray (batchToXrayDocuments)', formatCount(encodeSps), formatCount(perSecond(docCount, encode.medianMillis)), formatMBps(perSecond(bytes, encode.medianMillis)), formatCount(perSecond(docCount, stringify.medianMillis)), formatRatio(stringify.medianMillis / encode.medianMillis), formatMillis(percentile(encode.itemMillis, 50)), formatMillis(percentile(encode.itemMillis, 99)), targetMark('>= 150k spans/s', encodeSps >= 150_000)],
        ['X-Ray -> OTel (xrayDocumentToBatch)', formatCount(decodeSps), formatCount(perSecond(docCount, decode.medianMillis)), formatMBps(perSecond(bytes, decode.medianMillis)), formatCount(perSecond(docCount, parse.medianMillis)), formatRatio(parse.medianMillis / decode.medianMillis), formatMillis(percentile(decode.itemMillis, 50)), formatMillis(percentile(decode.itemMillis, 99)), 'no target'],
      ],
    ),
  );
  print(`RSS ${rssMiB().toFixed(0)} MiB`);
}

export const xrayBench: BenchSection = {
  name: 'xray',
  title: '3. X-Ray: OpenTelemetry <-> X-Ray segment documents',
  run,
};
