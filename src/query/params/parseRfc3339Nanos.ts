// RFC 3339 date-times ("2024-05-01T10:00:00.123456789Z", "...+02:00") as Unix nanoseconds, keeping all nine
// fraction digits (Date keeps only milliseconds). Jaeger api_v3 takes its time bounds in this form (Go's
// time.RFC3339Nano, cmd/query/app/apiv3/http_gateway.go); the native API accepts it besides Unix milliseconds.

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

export function parseRfc3339Nanos(text: string): bigint | undefined {
  const m = RFC3339.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, frac = '', z, sign, oh = '0', om = '0'] = m;
  const fields = [y, mo, d, h, mi, s].map(Number) as [number, number, number, number, number, number];
  const [year, month, day, hour, minute, second] = fields;
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60 || Number(oh) > 23 || Number(om) > 59) return undefined;
  const millis = Date.UTC(year, month - 1, day, hour, minute, second);
  if (new Date(millis).getUTCDate() !== day) return undefined;
  const offsetMinutes = z ? 0 : (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om));
  const seconds = BigInt(millis / 1000 - offsetMinutes * 60);
  return seconds * 1_000_000_000n + BigInt(frac.padEnd(9, '0') || '0');
}
