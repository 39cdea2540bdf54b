import { useMemo, useState } from 'react';
import { compareTraces } from '../../model/compareTraces.js';
import { formatDuration, formatDurationDelta } from '../../model/format.js';
import type { Trace } from '../../model/trace.js';
import { Link } from '../../routing/Link.js';
import { traceHref } from '../../routing/route.js';

function deltaClass(d: number): string {
  return d > 0 ? 'num delta-up' : d < 0 ? 'num delta-down' : 'num';
}

function signed(n: number): string {
  return n > 0 ? `+${n}` : String(n);
}

function TraceCard({ side, trace }: { side: string; trace: Trace }) {
  const root = trace.spans[trace.rootIndexes[0] ?? 0];
  return (
    <div className="compare-card" data-side={side}>
      <h2>
        {side}: <span className="service-name">{root.service}</span>: {root.name}
      </h2>
      <p>
        <Link href={traceHref(trace.traceId)} className="mono">{trace.traceId}</Link>
      </p>
      <p>
        {formatDuration(trace.duration)} · {trace.spans.length} spans · {trace.services.length} services ·{' '}
        <span className={trace.errorCount > 0 ? 'error-text' : undefined}>{trace.errorCount} errors</span>
      </p>
    </div>
  );
}

/** Trace B against trace A: per-service span counts, then per operation counts and mean durations. */
export function CompareView({ a, b }: { a: Trace; b: Trace }) {
  const cmp = useMemo(() => compareTraces(a, b), [a, b]);
  const [onlyChanges, setOnlyChanges] = useState(false);
  const rows = onlyChanges ? cmp.rows.filter((r) => r.countDelta !== 0 || (r.meanDelta ?? 0) !== 0) : cmp.rows;
  return (
    <div className="compare-view">
      <div className="compare-cards">
        <TraceCard side="A" trace={a} />
        <TraceCard side="B" trace={b} />
      </div>
      <p className="compare-summary">
        B is <strong className={deltaClass(cmp.durationDelta)}>{formatDurationDelta(cmp.durationDelta)}</strong> against A, with{' '}
        <strong className={deltaClass(cmp.spanCountDelta)}>{signed(cmp.spanCountDelta)}</strong> spans.
      </p>
      <h3>Spans per service</h3>
      <table className="data-table" data-testid="compare-services">
        <thead>
          <tr>
            <th>Service</th>
            <th className="num">A</th>
            <th className="num">B</th>
            <th className="num">Δ</th>
          </tr>
        </thead>
        <tbody>
          {cmp.services.map((s) => (
            <tr key={s.service}>
              <td>{s.service}</td>
              <td className="num">{s.a}</td>
              <td className="num">{s.b}</td>
              <td className={deltaClass(s.b - s.a)}>{signed(s.b - s.a)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>
        Operations{' '}
        <label className="toggle">
          <input type="checkbox" checked={onlyChanges} onChange={(e) => setOnlyChanges(e.target.checked)} /> only differences
        </label>
      </h3>
      <table className="data-table" data-testid="compare-operations">
        <thead>
          <tr>
            <th>Service</th>
            <th>Operation</th>
            <th className="num">Spans A</th>
            <th className="num">Spans B</th>
            <th className="num">Δ</th>
            <th className="num">Mean A</th>
            <th className="num">Mean B</th>
            <th className="num">Δ mean</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={`${r.service}\u0000${r.operation}`} className={r.a.count === 0 ? 'only-b' : r.b.count === 0 ? 'only-a' : undefined}>
              <td>{r.service}</td>
              <td>{r.operation}</td>
              <td className="num">{r.a.count}</td>
              <td className="num">{r.b.count}</td>
              <td className={deltaClass(r.countDelta)}>{signed(r.countDelta)}</td>
              <td className="num">{r.a.mean === undefined ? '—' : formatDuration(r.a.mean)}</td>
              <td className="num">{r.b.mean === undefined ? '—' : formatDuration(r.b.mean)}</td>
              <td className={deltaClass(r.meanDelta ?? 0)}>{r.meanDelta === undefined ? '—' : formatDurationDelta(r.meanDelta)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
