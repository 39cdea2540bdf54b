import { Link } from '../routing/Link.js';
import type { Route } from '../routing/route.js';

const ITEMS: readonly { page: Route['page']; href: string; label: string }[] = [
  { page: 'search', href: '/search', label: 'Search' },
  { page: 'map', href: '/map', label: 'Service map' },
  { page: 'compare', href: '/compare', label: 'Compare' },
];

export function NavBar({ page }: { page: Route['page'] }) {
  return (
    <header className="navbar">
      <Link href="/search" className="brand">
        Spanbridge
      </Link>
      <nav aria-label="Pages">
        {ITEMS.map((item) => (
          <Link key={item.page} href={item.href} className={item.page === page ? 'nav-item active' : 'nav-item'} aria-current={item.page === page ? 'page' : undefined}>
            {item.label}
          </Link>
        ))}
      </nav>
    </header>
  );
}
