import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { renderHelmTemplate, type HelmContext } from './renderHelmTemplate.js';

export interface RenderedChart {
  /** Rendered text by template file name (`deployment.yaml`, `NOTES.txt`, ...). */
  files: Map<string, string>;
  context: HelmContext;
}

/** Renders every file of a chart's templates/ with its values.yaml (like `helm template NAME CHART -n NAMESPACE`). */
export function renderHelmChart(chartDir: string, release: { Name: string; Namespace: string }): RenderedChart {
  const chart = parse(readFileSync(join(chartDir, 'Chart.yaml'), 'utf8')) as { name: string; version: string; appVersion: string };
  const values = parse(readFileSync(join(chartDir, 'values.yaml'), 'utf8')) as Record<string, unknown>;
  const context: HelmContext = { Values: values, Release: release, Chart: { Name: chart.name, Version: chart.version, AppVersion: chart.appVersion } };
  const files = new Map<string, string>();
  const dir = join(chartDir, 'templates');
  for (const name of readdirSync(dir).sort()) {
    files.set(name, renderHelmTemplate(readFileSync(join(dir, name), 'utf8'), context, `templates/${name}`));
  }
  return { files, context };
}
