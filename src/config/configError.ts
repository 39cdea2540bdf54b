/** Every problem found in a configuration, each as `path: message` (`exporters.otlphttp/eu.endpoint: required`). */
export class ConfigError extends Error {
  readonly problems: readonly string[];

  constructor(source: string, problems: string[]) {
    super(`invalid configuration ${source}:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}
