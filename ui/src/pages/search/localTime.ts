import type { UnixMillis } from '../../model/time.js';
import { unixMillis } from '../../model/time.js';

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** A `datetime-local` input value (local time, seconds) for a Unix time. */
export function millisToLocalInput(t: UnixMillis): string {
  const d = new Date(t);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** The Unix time of a `datetime-local` value (read as local time), or undefined when empty or invalid. */
export function localInputToMillis(value: string): UnixMillis | undefined {
  if (value === '') return undefined;
  const t = new Date(value).getTime();
  return Number.isNaN(t) ? undefined : unixMillis(t);
}
