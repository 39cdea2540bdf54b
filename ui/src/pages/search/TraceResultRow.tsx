import { formatDuration, formatTimestamp, shortId } from '../../model/format.js';
import type { TraceSummary } from '../../model/summary.js';
import { Link } from '../../routing/Link.js';
import { traceHref } from '../../routing/route.js';

interface Props {
  trace: TraceSummary;
  /** The longest duration among the shown results: the bars share its scale. */
  longest: number;
  picked: boolean;
  onPick: () => void;
}

export function TraceResultRow({ trace: t, longest, picked, onPick }: Props) {
  const width = longest > 0 ? Math.max(0.5, (t.duration / longest) * 100) : 0;
  return (
    <li className={t.errorCount > 0 ? 'result has-error' : 'result'} data-trace-id={t.traceId}>
      <div className="result-top">
        <input type="checkbox" checked={picked} onChange={onPick} aria-label={`Select trace ${t.traceId} to compare`} />
        <Link href={traceHref(t.traceId)} className="result-title">
          <span className="service-name">{t.rootService}</span>: {t.rootOperation}
        </Link>
        <span className="trace-id" title={t.traceId}>{shortId(t.traceId)}</span>
        <span className="result-duration">{formatDuration(t.duration)}</span>
      </div>
      <div className="duration-bar" aria-hidden="true">
        <div className="duration-fill" style={{ width: `${width}%` }} />
      </div>
      <div className="result-meta">
        <span className="span-count">{t.spanCount} span{t.spanCount === 1 ? '' : 's'}</span>
        {t.errorCount > 0 && (
          <span className="error-mark" title="Spans with status ERROR">
            {t.errorCount} error{t.errorCount === 1 ? '' : 's'}
          </span>
        )}
        <span className="start-time">{formatTimestamp(t.start)}</span>
      </div>
      <div className="service-chips">
        {t.services.map((s) => (
          <span key={s.service} className={s.errorCount > 0 ? 'chip chip-error' : 'chip'}>
            {s.service} <span className="chip-count">{s.spanCount}</span>
          </span>
        ))}
      </div>
    </li>
  );
}
