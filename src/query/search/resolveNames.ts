/**
 * The known names a client's name stands for: itself when known, else every known name equal to it ignoring case.
 * Zipkin lists names lower-cased and sends them back that way (zipkin2-api.yaml: "Lower-case label of a node"),
 * while the store keeps the case the spans arrived with.
 */
export function resolveNames(known: readonly string[], wanted: string): string[] {
  if (known.includes(wanted)) return [wanted];
  const lower = wanted.toLowerCase();
  return known.filter((k) => k.toLowerCase() === lower);
}
