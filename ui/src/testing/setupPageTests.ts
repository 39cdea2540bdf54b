import { cleanup } from '@testing-library/react';
import { afterEach, vi } from 'vitest';

// Page tests (`*.test.tsx`, happy-dom): each starts from a blank document at `/` with the real `fetch` back.
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  window.history.replaceState(null, '', '/');
});
