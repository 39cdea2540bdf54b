/** A failed API call: the HTTP status (0 when the server could not be reached) and the API's error code. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;

  constructor(status: number, code: string, message: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
  }
}

/** Any failure as text for an error state. */
export function errorText(err: unknown): string {
  if (err instanceof ApiError) return err.status === 0 ? err.message : `${err.message} (HTTP ${err.status}${err.code ? `, ${err.code}` : ''})`;
  return err instanceof Error ? err.message : String(err);
}
