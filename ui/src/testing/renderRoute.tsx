import { render } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';
import { userEvent } from '@testing-library/user-event';
import { App } from '../app/App.js';

/** Opens the UI at `href` (a deep link such as `/trace/<id>?span=<id>`), as a user would, and returns their hands. */
export function renderRoute(href: string): UserEvent {
  window.history.replaceState(null, '', href);
  const user = userEvent.setup();
  render(<App />);
  return user;
}

/** The path and query the UI shows in the address bar. */
export function currentHref(): string {
  return window.location.pathname + window.location.search;
}
