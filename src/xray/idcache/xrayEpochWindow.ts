/**
 * How old an X-Ray trace id's epoch may be: 28 days, the contrib exporter's check. X-Ray keeps data for 30 days, but
 * its acceptance check is the stricter one the reference implementations use.
 */
export const XRAY_MAX_EPOCH_AGE_SECONDS = 28 * 24 * 60 * 60;
/** How far ahead of now it may be: 5 minutes, the contrib exporter's check. */
export const XRAY_MAX_EPOCH_AHEAD_SECONDS = 5 * 60;

/** Whether X-Ray accepts an id with this epoch at `nowSeconds`: the window's edges are inside. */
export function isEpochInXrayWindow(epochSeconds: number, nowSeconds: number): boolean {
  const delta = nowSeconds - epochSeconds;
  return delta <= XRAY_MAX_EPOCH_AGE_SECONDS && delta >= -XRAY_MAX_EPOCH_AHEAD_SECONDS;
}
