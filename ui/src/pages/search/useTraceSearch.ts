import { useCallback, useEffect, useRef, useState } from 'react';
import { searchTraces } from '../../api/client.js';
import type { SearchQuery } from '../../model/searchQuery.js';
import type { TraceSummary } from '../../model/summary.js';
import type { UnixMillis } from '../../model/time.js';
import { unixMillis } from '../../model/time.js';

export type SearchState =
  | { readonly status: 'loading' }
  | { readonly status: 'error'; readonly error: unknown }
  | {
      readonly status: 'ok';
      readonly traces: readonly TraceSummary[];
      readonly nextCursor: string | undefined;
      readonly loadingMore: boolean;
      readonly moreError: unknown;
    };

/**
 * Runs a search whenever the query (or `run`, bumped by a repeated submit) changes, and pages on with the cursor.
 * A relative lookback is resolved once per search, so later pages cover the same window as the first.
 */
export function useTraceSearch(query: SearchQuery, run: number): { state: SearchState; loadMore: () => void } {
  const [state, setState] = useState<SearchState>({ status: 'loading' });
  const context = useRef<{ now: UnixMillis; controller: AbortController } | undefined>(undefined);

  useEffect(() => {
    const controller = new AbortController();
    const now = unixMillis(Date.now());
    context.current = { now, controller };
    setState({ status: 'loading' });
    searchTraces(query, now, undefined, controller.signal).then(
      (page) => {
        if (!controller.signal.aborted) setState({ status: 'ok', traces: page.traces, nextCursor: page.nextCursor, loadingMore: false, moreError: undefined });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ status: 'error', error });
      },
    );
    return () => controller.abort();
  }, [query, run]);

  const loadMore = useCallback(() => {
    const ctx = context.current;
    if (state.status !== 'ok' || state.nextCursor === undefined || state.loadingMore || ctx === undefined) return;
    const { controller, now } = ctx;
    setState({ ...state, loadingMore: true, moreError: undefined });
    searchTraces(query, now, state.nextCursor, controller.signal).then(
      (page) => {
        if (controller.signal.aborted) return;
        setState((s) => (s.status === 'ok' ? { ...s, traces: [...s.traces, ...page.traces], nextCursor: page.nextCursor, loadingMore: false } : s));
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setState((s) => (s.status === 'ok' ? { ...s, loadingMore: false, moreError: error } : s));
      },
    );
  }, [query, state]);

  return { state, loadMore };
}
