import { useMemo, useState } from 'react';
import { Empty, Failure, Loading } from '../../components/StateViews.js';
import type { SearchQuery } from '../../model/searchQuery.js';
import { navigate } from '../../routing/navigation.js';
import { searchHref } from '../../routing/route.js';
import { SearchForm } from './SearchForm.js';
import { SearchResults } from './SearchResults.js';
import { useTraceSearch } from './useTraceSearch.js';

export function SearchPage({ query }: { query: SearchQuery }) {
  const [run, setRun] = useState(0);
  const { state, loadMore } = useTraceSearch(query, run);
  const submit = (next: SearchQuery) => {
    navigate(searchHref(next));
    setRun((r) => r + 1);
  };
  const shown = useMemo(() => {
    if (state.status !== 'ok') return [];
    const via = query.via;
    return via === undefined ? state.traces : state.traces.filter((t) => t.services.some((s) => s.service === via));
  }, [state, query.via]);

  return (
    <div className="search-page">
      <aside className="search-sidebar">
        <SearchForm key={searchHref(query)} initial={query} onSubmit={submit} />
      </aside>
      <section className="search-results" aria-label="Search results">
        {query.via !== undefined && (
          <p className="filter-note">
            Showing traces that also pass through <strong>{query.via}</strong>.
          </p>
        )}
        {state.status === 'loading' && <Loading what="traces" />}
        {state.status === 'error' && <Failure title="The search failed" error={state.error} />}
        {state.status === 'ok' && shown.length === 0 && state.nextCursor === undefined && (
          <Empty title="No traces match">Widen the time range, or remove a filter.</Empty>
        )}
        {state.status === 'ok' && (shown.length > 0 || state.nextCursor !== undefined) && (
          <SearchResults traces={shown} hasMore={state.nextCursor !== undefined} loadingMore={state.loadingMore} moreError={state.moreError} onLoadMore={loadMore} />
        )}
      </section>
    </div>
  );
}
