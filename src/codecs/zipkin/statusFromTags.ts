import { StatusCode, type SpanStatus } from '../../model/span.js';
import { TAG_ERROR, TAG_STATUS_CODE, TAG_STATUS_DESCRIPTION } from './tagNames.js';

const CODES: Readonly<Record<string, StatusCode>> = {
  ok: StatusCode.OK,
  error: StatusCode.ERROR,
  unset: StatusCode.UNSET,
  status_code_ok: StatusCode.OK,
  status_code_error: StatusCode.ERROR,
  status_code_unset: StatusCode.UNSET,
};

/**
 * The span status from tags, removing the tags it consumed (spec section 2.4 with its recommendation, section 7.8):
 * 1. `otel.status_code` in any case of OK/ERROR/UNSET or STATUS_CODE_* sets the code, `otel.status_description` the
 *    message (an unknown code value stays a tag);
 * 2. otherwise `error` sets ERROR with the tag value as message, unless the value is `true` (no message), or `false`
 *    or empty (not an error; the tag stays);
 * 3. with `otel.status_code` ERROR and no description, an `error` message tag supplies the message (what the
 *    OpenTelemetry JS Zipkin exporter writes).
 */
export function statusFromTags(tags: Map<string, string>): SpanStatus {
  const codeText = tags.get(TAG_STATUS_CODE);
  const code = codeText === undefined ? undefined : CODES[codeText.toLowerCase()];
  const error = tags.get(TAG_ERROR);
  const errorMessage = error !== undefined && error !== 'true' && error !== 'false' && error !== '' ? error : undefined;
  if (code === undefined) {
    if (error === 'true') {
      tags.delete(TAG_ERROR);
      return { code: StatusCode.ERROR, message: '' };
    }
    if (errorMessage === undefined) return { code: StatusCode.UNSET, message: '' };
    tags.delete(TAG_ERROR);
    return { code: StatusCode.ERROR, message: errorMessage };
  }
  tags.delete(TAG_STATUS_CODE);
  let message = tags.get(TAG_STATUS_DESCRIPTION);
  tags.delete(TAG_STATUS_DESCRIPTION);
  if (code === StatusCode.ERROR) {
    if (error === 'true') tags.delete(TAG_ERROR);
    else if (message === undefined && errorMessage !== undefined) {
      message = errorMessage;
      tags.delete(TAG_ERROR);
    }
  }
  return { code, message: message ?? '' };
}
