// The part of autocannon's programmatic API the end-to-end section uses (the package ships no types; see
// https://github.com/mcollina/autocannon#api). `await autocannon(options)` resolves with the run's result.
declare module 'autocannon' {
  interface Request {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
    body?: string | Buffer;
    /** Called before each request is built; returns the request to send. `context` is one object per connection. */
    setupRequest?: (request: Record<string, unknown>, context: never) => Record<string, unknown>;
    onResponse?: (status: number, body: string, context: never) => void;
  }

  interface Options {
    url: string;
    connections?: number;
    /** Seconds. */
    duration?: number;
    /** Seconds before a request counts as timed out. */
    timeout?: number;
    requests?: Request[];
  }

  interface Histogram {
    p50: number;
    p99: number;
    average: number;
    max: number;
  }

  interface Result {
    requests: Histogram & { total: number };
    latency: Histogram;
    errors: number;
    timeouts: number;
    non2xx: number;
    '2xx': number;
  }

  function autocannon(options: Options): Promise<Result> & { stop(): void };
  export default autocannon;
}
