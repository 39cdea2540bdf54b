import { StatusCode, type SpanStatus } from '../../model/span.js';
import { TAG_ERROR, TAG_STATUS_CODE, TAG_STATUS_DESCRIPTION } from './tagNames.js';

/**
 * Writes the status as tags so that statusFromTags reads it back unchanged: ERROR as `error` = message (or `true`),
 * falling back to `otel.status_code`/`otel.status_description` when the message is `true` or `false`; OK as
 * `otel.status_code` = `OK` (the specification's name, which the collector's receiver does not read: section 2.4).
 * An `error` or `otel.status_code` attribute that would give an UNSET span a status on the way back is removed
 * (section 2.6).
 */
export function statusToTags(status: SpanStatus, tags: Map<string, string>): void {
  const error = tags.get(TAG_ERROR);
  if (status.code === StatusCode.ERROR) {
    tags.delete(TAG_STATUS_CODE);
    tags.delete(TAG_STATUS_DESCRIPTION);
    if (status.message === 'true' || status.message === 'false') {
      tags.set(TAG_STATUS_CODE, 'ERROR');
      tags.set(TAG_STATUS_DESCRIPTION, status.message);
      tags.set(TAG_ERROR, 'true');
    } else {
      tags.set(TAG_ERROR, status.message === '' ? 'true' : status.message);
    }
    return;
  }
  if (status.code === StatusCode.OK) {
    tags.set(TAG_STATUS_CODE, 'OK');
    if (status.message !== '') tags.set(TAG_STATUS_DESCRIPTION, status.message);
    else tags.delete(TAG_STATUS_DESCRIPTION);
    return;
  }
  if (error !== undefined && error !== 'false' && error !== '') tags.delete(TAG_ERROR);
  const code = tags.get(TAG_STATUS_CODE)?.toLowerCase().replace(/^status_code_/, '');
  if (code === 'ok' || code === 'error' || code === 'unset') tags.delete(TAG_STATUS_CODE);
}
