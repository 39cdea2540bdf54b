import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { FIXTURES } from '../../support/paths.js';

export const XRAY_FIXTURES = join(FIXTURES, 'xray');

/**
 * What a fixture in test/fixtures/xray is, per its README.txt and EXPECTED.md (tests only):
 * `document` a segment document (after the UDP header line, if any); `batchGetTraces` a BatchGetTraces response;
 * `fragment` an embedded-subsegment example without trace_id; `invalid` a document X-Ray -> OpenTelemetry must
 * refuse, with the field the reason must name; `notJson` an example that is not valid JSON; `apiOutput` another API's
 * response (not segment data).
 */
export type XrayFixture =
  | { rel: string; kind: 'document' | 'fragment' | 'batchGetTraces'; text: string; json: unknown }
  | { rel: string; kind: 'invalid'; text: string; field: string }
  | { rel: string; kind: 'notJson' | 'apiOutput'; text: string };

/** Invalid documents and the field their rejection names (test/fixtures/xray/EXPECTED.md lists them). */
const INVALID: Record<string, string> = {
  'otel-collector-contrib/invalidNamespace.txt': 'subsegments[0].subsegments[0].namespace',
  'otel-collector-contrib/minCauseIsInvalid.txt': 'cause',
  'otel-collector-contrib/segmentValidationFailed.txt': 'start_time',
  'otel-collector-contrib/indepSubsegmentWithInvalidSqlUrl.txt': 'sql.url',
};

function walk(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

export function xrayFixtures(): XrayFixture[] {
  const out: XrayFixture[] = [];
  for (const file of walk(XRAY_FIXTURES)) {
    const rel = relative(XRAY_FIXTURES, file);
    if (rel.endsWith('.md') || rel === 'README.txt') continue;
    let text = readFileSync(file, 'utf8');
    if (text.startsWith('{"format"')) text = text.slice(text.indexOf('\n') + 1);
    if (INVALID[rel] !== undefined) {
      out.push({ rel, kind: 'invalid', text, field: INVALID[rel] });
      continue;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      out.push({ rel, kind: 'notJson', text });
      continue;
    }
    const o = json as Record<string, unknown>;
    if (Array.isArray(o.Traces)) out.push({ rel, kind: 'batchGetTraces', text, json });
    else if (typeof o.id !== 'string') out.push({ rel, kind: 'apiOutput', text });
    else if (o.trace_id === undefined) out.push({ rel, kind: 'fragment', text, json });
    else out.push({ rel, kind: 'document', text, json });
  }
  return out;
}
