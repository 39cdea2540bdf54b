// What Zipkin's server answers at `GET /zipkin/config.json` for Zipkin Lens (openzipkin/zipkin zipkin-server
// ZipkinUiConfiguration.writeConfig, with the defaults of ZipkinUiProperties). Lens reads it from its base path, so
// a Lens deployed the official way (served under /zipkin, proxying /zipkin/config.json and /zipkin/api to this port)
// finds it here. docs/compatibility.md, "Zipkin Lens".

/** Zipkin's defaults except `archivePostUrl`/`archiveUrl`/`logsUrl`/`supportUrl`, which Zipkin also leaves null. */
export const ZIPKIN_UI_CONFIG = Object.freeze({
  environment: '',
  queryLimit: 10,
  /** 7 days in milliseconds, Zipkin's default look-back. */
  defaultLookback: 7 * 24 * 3_600_000,
  searchEnabled: true,
  logsUrl: null,
  supportUrl: null,
  archivePostUrl: null,
  archiveUrl: null,
  dependency: Object.freeze({ enabled: true, lowErrorRate: 0.5, highErrorRate: 0.75 }),
});

/** Zipkin caches config.json for 10 minutes. */
export const ZIPKIN_UI_CONFIG_CACHE_CONTROL = 'max-age=600';
