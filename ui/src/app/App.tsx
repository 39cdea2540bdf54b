import { useMemo } from 'react';
import { ComparePage } from '../pages/compare/ComparePage.js';
import { ServiceMapPage } from '../pages/map/ServiceMapPage.js';
import { SearchPage } from '../pages/search/SearchPage.js';
import { TracePage } from '../pages/trace/TracePage.js';
import { Link } from '../routing/Link.js';
import { useLocation } from '../routing/navigation.js';
import { parseRoute } from '../routing/route.js';
import { NavBar } from './NavBar.js';

export function App() {
  const location = useLocation();
  const route = useMemo(() => {
    const url = new URL(location, window.location.origin);
    return parseRoute(url.pathname, url.search);
  }, [location]);

  return (
    <div className="app">
      <NavBar page={route.page} />
      <main className="page">
        {route.page === 'search' && <SearchPage query={route.query} />}
        {route.page === 'trace' && <TracePage key={route.traceId} traceId={route.traceId} spanId={route.spanId} />}
        {route.page === 'map' && <ServiceMapPage window={route.window} />}
        {route.page === 'compare' && <ComparePage a={route.a} b={route.b} />}
        {route.page === 'notFound' && (
          <div className="state state-empty" data-state="empty">
            <strong>No page at {route.path}</strong>
            <Link href="/search">Search traces</Link>
          </div>
        )}
      </main>
    </div>
  );
}
