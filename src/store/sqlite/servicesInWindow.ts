import type Database from 'better-sqlite3';
import { int64 } from './int64.js';

/**
 * The services with a span that started in [start, end), sorted: for each catalogued service one seek into
 * `spans_by_service` (service, start), so the cost grows with the number of services, not of spans. A read only: it
 * sees what any connection committed.
 */
export function createServicesInWindow(db: Database.Database): (startNanos: bigint, endNanos: bigint) => string[] {
  const select = db
    .prepare('SELECT name FROM services s WHERE EXISTS (SELECT 1 FROM spans WHERE service_id = s.id AND start_ns >= ? AND start_ns < ?) ORDER BY name')
    .pluck();
  return (startNanos, endNanos) => (endNanos <= startNanos ? [] : (select.all(int64(startNanos), int64(endNanos)) as string[]));
}
