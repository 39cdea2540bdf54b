/** Distinct hues for up to twelve services, then repeating; readable on white. */
const PALETTE = ['#2f6fde', '#16a085', '#8e44ad', '#d35400', '#2c3e50', '#c0392b', '#27ae60', '#b7950b', '#1f8dd6', '#a93226', '#6c3483', '#117864'];

/** A colour per service, fixed for the trace (services are sorted, so a trace always gets the same colours). */
export function serviceColors(services: readonly string[]): ReadonlyMap<string, string> {
  return new Map(services.map((s, i) => [s, PALETTE[i % PALETTE.length]]));
}
