import { anyValueToJson } from '../../model/attributes.js';
import { SpanKind, StatusCode } from '../../model/span.js';
import type { Span, SpanEvent } from '../../model/span.js';
import type { AttributeReader } from './attributeReader.js';
import { exceptionIdFor } from './exceptionIdFor.js';
import { nanosToSeconds } from './nanosToSeconds.js';
import { parseStackTrace } from './parseStackTrace.js';
import {
  XRAY_CAUSE_EXCEPTION_ID, XRAY_CAUSE_PATHS, XRAY_CAUSE_WORKING_DIRECTORY, XRAY_EXCEPTION_CAUSE, XRAY_EXCEPTION_ID,
  XRAY_EXCEPTION_REMOTE, XRAY_EXCEPTION_SKIPPED, XRAY_EXCEPTION_STACK, XRAY_EXCEPTION_TRUNCATED,
} from './xrayAttributeNames.js';
import type { XrayCause, XrayException, XrayStackFrame } from './xraySegmentDocument.js';

/**
 * The `cause` (docs/xray-mapping.md, "The cause and exceptions"): one exception per `exception` event (and, for AWS SDK
 * spans, per `HTTP request failure` event), whatever the status; else, for a native span with status ERROR, one
 * exception carrying the status message (or `http.status_text`). Spans decoded from X-Ray get back exactly their cause:
 * the exception fields from the `aws.xray.exception.*` event attributes, or the exception-id form from its attribute.
 */
export function writeCause(span: Span, r: AttributeReader, fromXray: boolean, language: string | undefined): string | XrayCause | undefined {
  const awsSdk = r.attributes.get('rpc.system') === 'aws-api';
  const exceptions: XrayException[] = [];
  for (const e of span.events) {
    if (e.name === 'exception') exceptions.push(exceptionFromEvent(e, span, exceptions.length, fromXray, language));
    else if (awsSdk && !fromXray && e.name === 'HTTP request failure') {
      const status = e.attributes.get('http.response.status_code') ?? e.attributes.get('http.status_code');
      const message = e.attributes.get('aws.http.error_message');
      if (status === undefined || typeof message !== 'string') continue;
      const seconds = nanosToSeconds(e.timeUnixNano).toFixed(6);
      exceptions.push({ id: exceptionIdFor(span.spanId, exceptions.length), type: 'aws.http.error.event', remote: true, message: `${String(status)}@${seconds}@${message}` });
    }
  }
  const workingDirectory = r.string(XRAY_CAUSE_WORKING_DIRECTORY);
  const paths = r.strings(XRAY_CAUSE_PATHS);
  const causeId = r.string(XRAY_CAUSE_EXCEPTION_ID);
  if (exceptions.length > 0 || workingDirectory !== undefined || paths !== undefined) {
    const cause: XrayCause = {};
    if (workingDirectory !== undefined) cause.working_directory = workingDirectory;
    if (paths !== undefined) cause.paths = paths;
    if (exceptions.length > 0) cause.exceptions = exceptions;
    return cause;
  }
  if (causeId !== undefined) return causeId;
  if (fromXray || span.status.code !== StatusCode.ERROR) return undefined;
  let message = span.status.message;
  if (message === '') message = r.string('http.status_text') ?? '';
  return message === '' ? undefined : { exceptions: [{ id: exceptionIdFor(span.spanId, 0), message }] };
}

function exceptionFromEvent(e: SpanEvent, span: Span, index: number, fromXray: boolean, language: string | undefined): XrayException {
  const a = e.attributes;
  const ex: XrayException = {};
  const id = a.get(XRAY_EXCEPTION_ID);
  if (typeof id === 'string') ex.id = id;
  else if (!fromXray) ex.id = exceptionIdFor(span.spanId, index);
  const message = a.get('exception.message');
  if (typeof message === 'string') ex.message = message;
  const type = a.get('exception.type');
  if (typeof type === 'string') ex.type = type;
  const remote = a.get(XRAY_EXCEPTION_REMOTE);
  if (typeof remote === 'boolean') ex.remote = remote;
  else if (!fromXray) ex.remote = span.kind === SpanKind.CLIENT || span.kind === SpanKind.PRODUCER;
  const truncated = a.get(XRAY_EXCEPTION_TRUNCATED);
  if (typeof truncated === 'bigint') ex.truncated = Number(truncated);
  const skipped = a.get(XRAY_EXCEPTION_SKIPPED);
  if (typeof skipped === 'bigint') ex.skipped = Number(skipped);
  const cause = a.get(XRAY_EXCEPTION_CAUSE);
  if (typeof cause === 'string') ex.cause = cause;
  const stack = a.get(XRAY_EXCEPTION_STACK);
  if (Array.isArray(stack)) ex.stack = stack.map((f) => anyValueToJson(f) as XrayStackFrame);
  else if (!fromXray) {
    const text = a.get('exception.stacktrace');
    const frames = typeof text === 'string' ? parseStackTrace(text, language) : undefined;
    if (frames !== undefined && frames.length > 0) ex.stack = frames;
  }
  return ex;
}
