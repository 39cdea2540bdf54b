// The `cause` both ways: X-Ray's exceptions as OpenTelemetry `exception` events (and back), with deterministic
// exception ids and stack traces parsed into frames for the languages whose format is known.
import { anyValueToJson } from '../../model/attributes.js';
import { SpanKind, StatusCode } from '../../model/span.js';
import type { AnyValue, Attributes, Span, SpanEvent } from '../../model/span.js';
import type { AttributeReader } from './attributeReader.js';
import { isJsonObject, jsonToAnyValue, stringOf, stringsOf, xrayProblem } from './fieldReaders.js';
import { nanosToSeconds } from './times.js';
import {
  XRAY_CAUSE_EXCEPTION_ID, XRAY_CAUSE_PATHS, XRAY_CAUSE_WORKING_DIRECTORY, XRAY_EXCEPTION_CAUSE, XRAY_EXCEPTION_ID,
  XRAY_EXCEPTION_REMOTE, XRAY_EXCEPTION_SKIPPED, XRAY_EXCEPTION_STACK, XRAY_EXCEPTION_TRUNCATED,
} from './xrayAttributeNames.js';
import type { XrayCause, XrayException, XrayStackFrame } from './xraySegmentDocument.js';

/**
 * The `cause`: an exception-id string, kept in `aws.xray.cause.exception_id` and as the status message; or an object
 * whose exceptions become `exception` events at `eventTime` (X-Ray records no time) with `exception.type`,
 * `exception.message`, a synthesised `exception.stacktrace`, and the X-Ray fields under `aws.xray.exception.*` (the
 * stack structured). Any other JSON type (null too) invalidates the document, as in contrib. Returns whether there is a cause that
 * makes the span an error: an empty object does not (it records no exception).
 */
export function readCauseFields(node: Record<string, unknown>, where: string, attrs: Attributes, events: SpanEvent[], eventTime: bigint): { isError: boolean; message: string } {
  const cause = node.cause;
  if (cause === undefined) return { isError: false, message: '' };
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

/**
 * The `exception.stacktrace` text for an X-Ray exception, as the contrib receiver writes it: the line "<type>:
 * <message>", then one tab-indented "at <label>(<path>: <line>)" per frame, `<unknown>` for a missing line.
 */
function exceptionStackText(ex: XrayException): string {
  let text = `${textOf(ex.type, '')}: ${textOf(ex.message, '')}`;
  for (const f of ex.stack ?? []) text += `\n\tat ${textOf(f.label, '')}(${textOf(f.path, '')}: ${textOf(f.line, '<unknown>')})`;
  return text;
}

/** A field of any JSON type as text: objects as JSON (String() of `{"toString": 1}` would throw), absent as `absent`. */
function textOf(v: unknown, absent: string): string {
  if (v === undefined || v === null) return absent;
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

/**
 * The `cause`: one exception per `exception` event (and, for AWS SDK spans, per `HTTP request failure` event), whatever
 * the status; else, for a native span with status ERROR, one exception carrying the status message (or
 * `http.status_text`). Spans decoded from X-Ray get back exactly their cause: the exception fields from the
 * `aws.xray.exception.*` event attributes, or the exception-id form from its attribute.
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

const MASK = (1n << 64n) - 1n;

/**
 * A 16-hex exception id for the `index`-th exception of a span (X-Ray requires ids). Derived from the span id (FNV-1a
 * 64) rather than random, so encoding is a pure function and the same span always gives the same ids.
 */
function exceptionIdFor(spanId: string, index: number): string {
  let h = 0xcbf29ce484222325n;
  const text = `${spanId}:${index}`;
  for (let i = 0; i < text.length; i++) h = ((h ^ BigInt(text.charCodeAt(i))) * 0x100000001b3n) & MASK;
  return h.toString(16).padStart(16, '0');
}

const V8 = /^\s+at (?:(.*?) \()?(.+?):(\d+)(?::\d+)?\)?$/;
const JAVA = /^\s+at ([^(\s]+)\((.*?)(?::(\d+))?\)$/;
const PYTHON = /^\s*File "(.+)", line (\d+)(?:, in (.+))?$/;

/**
 * The frames of an `exception.stacktrace` in the format of the resource's `telemetry.sdk.language` (as contrib: V8 for
 * javascript/nodejs/webjs, Java's `\tat`, Python's `File ... line`), or undefined for other languages. Only the first
 * exception's frames are read; chained causes stay in the text. Unreadable lines are skipped.
 */
function parseStackTrace(text: string, language: string | undefined): XrayStackFrame[] | undefined {
  const lang = language?.toLowerCase();
  let pattern: RegExp;
  if (lang === 'javascript' || lang === 'nodejs' || lang === 'webjs') pattern = V8;
  else if (lang === 'java' || lang === 'php') pattern = JAVA;
  else if (lang === 'python') pattern = PYTHON;
  else return undefined;
  const frames: XrayStackFrame[] = [];
  for (const line of text.split('\n')) {
    if (/^(Caused by:|During handling of the above exception|The above exception was the direct cause)/.test(line.trim()) && frames.length > 0) break;
    const m = pattern.exec(line.replace(/\r$/, ''));
    if (m === null) continue;
    const frame: XrayStackFrame = {};
    if (pattern === PYTHON) {
      frame.path = m[1] as string;
      frame.line = Number(m[2]);
      if (m[3] !== undefined) frame.label = m[3];
    } else {
      if (m[1] !== undefined && m[1] !== '') frame.label = m[1];
      if (m[2] !== undefined && m[2] !== '') frame.path = m[2];
      if (m[3] !== undefined) frame.line = Number(m[3]);
    }
    frames.push(frame);
  }
  return frames;
}
