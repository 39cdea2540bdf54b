import { useSyncExternalStore } from 'react';

// A minimal History API router: the query server answers every page path with index.html, and the pages read the
// location through `useLocation`.
const NAVIGATE_EVENT = 'spanbridge:navigate';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(NAVIGATE_EVENT, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(NAVIGATE_EVENT, onChange);
  };
}

function snapshot(): string {
  return window.location.pathname + window.location.search;
}

/** The current path and query string, e.g. `/trace/abc?span=def`; re-renders on every navigation. */
export function useLocation(): string {
  return useSyncExternalStore(subscribe, snapshot);
}

/** Goes to `href` (a path with query) without reloading; `replace` keeps the history entry count. */
export function navigate(href: string, options: { replace?: boolean } = {}): void {
  if (href === snapshot()) return;
  if (options.replace) window.history.replaceState(null, '', href);
  else window.history.pushState(null, '', href);
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
}
