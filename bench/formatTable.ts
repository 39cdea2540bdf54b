// Plain-text tables and number formats for the benchmark report.

/**
 * Columns padded to their widest cell; a column whose cells (header aside) all look numeric is right-aligned.
 * Rows shorter than the header are padded with empty cells.
 */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const numeric = header.map((_, c) => rows.length > 0 && rows.every((r) => /^[-+]?[\d.,]+[a-zA-Z%/µ]*$|^-$|^$/.test(r[c] ?? '')));
  const line = (cells: readonly string[]) =>
    header
      .map((_, c) => {
        const cell = cells[c] ?? '';
        return numeric[c] ? cell.padStart(widths[c] as number) : cell.padEnd(widths[c] as number);
      })
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

/** A count or rate with k/M suffixes: 950, 12.3k, 1.25M. */
export function formatCount(n: number): string {
  if (!Number.isFinite(n)) return '-';
  const a = Math.abs(n);
  if (a >= 1e6) return `${(n / 1e6).toFixed(2)}M`;
  if (a >= 1e4) return `${(n / 1e3).toFixed(1)}k`;
  if (a >= 1e3) return `${(n / 1e3).toFixed(2)}k`;
  return n.toFixed(0);
}

/** Milliseconds with precision that suits their size: 0.042ms, 3.21ms, 152ms. */
export function formatMillis(ms: number): string {
  if (!Number.isFinite(ms)) return '-';
  if (ms < 1) return `${ms.toFixed(3)}ms`;
  if (ms < 100) return `${ms.toFixed(2)}ms`;
  return `${ms.toFixed(0)}ms`;
}

/** Bytes per second as MB/s (10^6 bytes). */
export function formatMBps(bytesPerSecond: number): string {
  return Number.isFinite(bytesPerSecond) ? (bytesPerSecond / 1e6).toFixed(1) : '-';
}

export function formatRatio(r: number): string {
  return Number.isFinite(r) ? r.toFixed(2) : '-';
}

/** `>= 60k ✓` or `>= 60k ✗ MISSED`: a target beside a figure, marked when met. */
export function targetMark(text: string, met: boolean): string {
  return met ? `${text} ✓` : `${text} ✗ MISSED`;
}
