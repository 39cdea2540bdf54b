import { useState } from 'react';
import { errorText } from '../../api/apiError.js';
import type { TraceSummary } from '../../model/summary.js';
import { Link } from '../../routing/Link.js';
import { compareHref } from '../../routing/route.js';
import { TraceResultRow } from './TraceResultRow.js';

interface Props {
  traces: readonly TraceSummary[];
  hasMore: boolean;
  loadingMore: boolean;
  moreError: unknown;
  onLoadMore: () => void;
}

/** Results newest first (the API's order) with duration bars on one scale; two can be picked for Compare. */
export function SearchResults({ traces, hasMore, loadingMore, moreError, onLoadMore }: Props) {
  const [picked, setPicked] = useState<readonly string[]>([]);
  const longest = traces.reduce((m, t) => Math.max(m, t.duration), 0);
  const toggle = (id: string) => setPicked((p) => (p.includes(id) ? p.filter((x) => x !== id) : [...p, id].slice(-2)));

  return (
    <>
      <div className="results-header">
        <span data-testid="result-count">
          {traces.length} trace{traces.length === 1 ? '' : 's'}
          {hasMore ? ' (more available)' : ''}
        </span>
        {picked.length === 2 ? (
          <Link className="button" href={compareHref(picked[0], picked[1])}>
            Compare selected
          </Link>
        ) : (
          <span className="hint">Tick two traces to compare them</span>
        )}
      </div>
      <ol className="result-list">
        {traces.map((t) => (
          <TraceResultRow key={t.traceId} trace={t} longest={longest} picked={picked.includes(t.traceId)} onPick={() => toggle(t.traceId)} />
        ))}
      </ol>
      {hasMore && (
        <div className="load-more">
          <button type="button" onClick={onLoadMore} disabled={loadingMore}>
            {loadingMore ? 'Loading…' : 'Load more'}
          </button>
          {moreError !== undefined && (
            <p className="field-error" role="alert">
              {errorText(moreError)}
            </p>
          )}
        </div>
      )}
    </>
  );
}
