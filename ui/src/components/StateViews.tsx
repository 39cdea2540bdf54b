import type { ReactNode } from 'react';
import { errorText } from '../api/apiError.js';

export function Loading({ what }: { what: string }) {
  return (
    <div className="state state-loading" role="status" aria-live="polite" data-state="loading">
      <span className="spinner" aria-hidden="true" />
      Loading {what}…
    </div>
  );
}

export function Empty({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="state state-empty" data-state="empty">
      <strong>{title}</strong>
      {children !== undefined && <div className="state-hint">{children}</div>}
    </div>
  );
}

export function Failure({ title, error, children }: { title: string; error: unknown; children?: ReactNode }) {
  return (
    <div className="state state-error" role="alert" data-state="error">
      <strong>{title}</strong>
      <div className="state-detail">{errorText(error)}</div>
      {children}
    </div>
  );
}
