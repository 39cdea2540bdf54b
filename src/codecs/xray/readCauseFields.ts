import type { AnyValue, Attributes, SpanEvent } from '../../model/span.js';
import { exceptionStackText } from './exceptionStackText.js';
import { isJsonObject } from './isJsonObject.js';
import { jsonToAnyValue } from './jsonToAnyValue.js';
import {
  XRAY_CAUSE_EXCEPTION_ID, XRAY_CAUSE_PATHS, XRAY_CAUSE_WORKING_DIRECTORY, XRAY_EXCEPTION_CAUSE, XRAY_EXCEPTION_ID,
  XRAY_EXCEPTION_REMOTE, XRAY_EXCEPTION_SKIPPED, XRAY_EXCEPTION_STACK, XRAY_EXCEPTION_TRUNCATED,
} from './xrayAttributeNames.js';
import { stringOf, stringsOf, xrayProblem } from './xrayFieldReaders.js';
import type { XrayException } from './xraySegmentDocument.js';

/**
 * The `cause` (docs/xray-mapping.md, "The cause and exceptions"): an exception-id string, kept in
 * `aws.xray.cause.exception_id` and as the status message; or an object whose exceptions become `exception` events at
 * `eventTime` (X-Ray records no time) with `exception.type`, `exception.message`, a synthesised `exception.stacktrace`,
 * and the X-Ray fields under `aws.xray.exception.*` (the stack structured). Any other JSON type invalidates the
 * document, as in contrib. Returns whether there is a cause that makes the span an error: an empty object does not
 * (contrib says it does).
 */
export function readCauseFields(node: Record<string, unknown>, where: string, attrs: Attributes, events: SpanEvent[], eventTime: bigint): { isError: boolean; message: string } {
  const cause = node.cause;
  if (cause === undefined || cause === null) return { isError: false, message: '' };
  if (typeof cause === 'string') {
    attrs.set(XRAY_CAUSE_EXCEPTION_ID, cause);
    return { isError: true, message: cause };
  }
  if (!isJsonObject(cause)) throw xrayProblem(`${where}cause`, 'expected an exception id string or an object');
  const wd = stringOf(cause, 'working_directory');
  if (wd !== undefined) attrs.set(XRAY_CAUSE_WORKING_DIRECTORY, wd);
  const paths = stringsOf(cause, 'paths');
  if (paths !== undefined) attrs.set(XRAY_CAUSE_PATHS, paths);
  const exceptions = cause.exceptions;
  if (exceptions === undefined || exceptions === null) return { isError: false, message: '' };
  if (!Array.isArray(exceptions)) throw xrayProblem(`${where}cause.exceptions`, 'expected an array');
  exceptions.forEach((ex: unknown, i) => {
    if (!isJsonObject(ex)) throw xrayProblem(`${where}cause.exceptions[${i}]`, 'expected an object');
    events.push({ timeUnixNano: eventTime, name: 'exception', attributes: exceptionAttributes(ex as XrayException), droppedAttributesCount: 0 });
  });
  return { isError: exceptions.length > 0, message: '' };
}

function exceptionAttributes(ex: XrayException): Attributes {
  const a = new Map<string, AnyValue>();
  if (typeof ex.id === 'string') a.set(XRAY_EXCEPTION_ID, ex.id);
  if (typeof ex.type === 'string') a.set('exception.type', ex.type);
  if (typeof ex.message === 'string') a.set('exception.message', ex.message);
  if (typeof ex.remote === 'boolean') a.set(XRAY_EXCEPTION_REMOTE, ex.remote);
  if (typeof ex.truncated === 'number' && Number.isSafeInteger(ex.truncated)) a.set(XRAY_EXCEPTION_TRUNCATED, BigInt(ex.truncated));
  if (typeof ex.skipped === 'number' && Number.isSafeInteger(ex.skipped)) a.set(XRAY_EXCEPTION_SKIPPED, BigInt(ex.skipped));
  if (typeof ex.cause === 'string') a.set(XRAY_EXCEPTION_CAUSE, ex.cause);
  if (Array.isArray(ex.stack) && ex.stack.every(isJsonObject)) {
    a.set(XRAY_EXCEPTION_STACK, ex.stack.map(jsonToAnyValue));
    a.set('exception.stacktrace', exceptionStackText(ex));
  }
  return a;
}
