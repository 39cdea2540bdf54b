import type { XrayStackFrame } from './xraySegmentDocument.js';

const V8 = /^\s+at (?:(.*?) \()?(.+?):(\d+)(?::\d+)?\)?$/;
const JAVA = /^\s+at ([^(\s]+)\((.*?)(?::(\d+))?\)$/;
const PYTHON = /^\s*File "(.+)", line (\d+)(?:, in (.+))?$/;

/**
 * The frames of an `exception.stacktrace` in the format of the resource's `telemetry.sdk.language` (V8 for
 * javascript/nodejs/webjs, Java's `\tat` for java/php, Python's `File ... line`), or undefined for other languages.
 * Only the first exception's frames are read; chained causes stay in the text. Unreadable lines are skipped.
 */
export function parseStackTrace(text: string, language: string | undefined): XrayStackFrame[] | undefined {
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
