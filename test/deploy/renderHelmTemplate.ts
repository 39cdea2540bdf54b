import { stringify } from 'yaml';

/** What a chart's templates read: `.Values`, `.Release` and `.Chart`, as Helm passes them. */
export interface HelmContext {
  Values: Record<string, unknown>;
  Release: { Name: string; Namespace: string };
  Chart: { Name: string; Version: string; AppVersion: string };
}

const ACTION = /\{\{(-\s)?\s*([\s\S]*?)\s*(\s-)?\}\}/g;

/**
 * Renders the subset of Go template syntax the deploy/helm chart uses, as Helm would (text/template plus Sprig):
 * `{{ .a.b }}` field paths, `{{- ` / ` -}}` whitespace trimming, `{{/* comments *\/}}`, and pipelines of `quote`,
 * `toYaml`, `indent N`, `nindent N`. Anything else, and a field that is not set (Helm would print `<no value>`),
 * throws naming the template and the action, so a template that needs real Helm fails the tests instead of rendering
 * differently.
 */
export function renderHelmTemplate(template: string, context: HelmContext, source = 'template'): string {
  let out = '';
  let last = 0;
  let trimNext = false;
  for (const m of template.matchAll(ACTION)) {
    let text = template.slice(last, m.index);
    if (trimNext) text = text.replace(/^\s+/, '');
    out += text;
    if (m[1]) out = out.replace(/\s+$/, '');
    out += evaluate(m[2] ?? '', context, `${source}: {{ ${m[2] ?? ''} }}`);
    trimNext = m[3] !== undefined;
    last = m.index + m[0].length;
  }
  let rest = template.slice(last);
  if (trimNext) rest = rest.replace(/^\s+/, '');
  return out + rest;
}

function evaluate(action: string, context: HelmContext, where: string): string {
  if (action.startsWith('/*') && action.endsWith('*/')) return '';
  const commands = action.split('|').map((c) => c.trim().split(/\s+/));
  let value: unknown;
  commands.forEach((words, i) => {
    const [name = '', ...args] = words;
    const argValues: unknown[] = args.map((a) => argument(a, context, where));
    if (i > 0) argValues.push(value);
    if (name.startsWith('.')) {
      if (words.length !== 1 || i > 0) throw new Error(`${where}: a field path takes no arguments and cannot follow '|'`);
      value = field(name, context, where);
      return;
    }
    value = call(name, argValues, where);
  });
  return text(value, where);
}

function argument(word: string, context: HelmContext, where: string): unknown {
  if (word.startsWith('.')) return field(word, context, where);
  if (/^-?\d+$/.test(word)) return Number(word);
  throw new Error(`${where}: unsupported argument "${word}"`);
}

function field(path: string, context: HelmContext, where: string): unknown {
  let v: unknown = context;
  for (const key of path.slice(1).split('.')) {
    if (v === null || typeof v !== 'object' || !(key in v)) throw new Error(`${where}: ${path} is not set`);
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}

function call(name: string, args: unknown[], where: string): unknown {
  const arity = (n: number) => {
    if (args.length !== n) throw new Error(`${where}: ${name} takes ${n} argument(s), got ${args.length}`);
  };
  switch (name) {
    case 'quote':
      arity(1);
      return JSON.stringify(text(args[0], where));
    case 'toYaml':
      arity(1);
      // Helm's toYaml drops the final newline.
      return stringify(args[0]).replace(/\n$/, '');
    case 'indent':
    case 'nindent': {
      arity(2);
      const [n, s] = args;
      if (typeof n !== 'number') throw new Error(`${where}: ${name} needs a number first`);
      const pad = ' '.repeat(n);
      const indented = pad + text(s, where).replaceAll('\n', `\n${pad}`);
      return name === 'nindent' ? `\n${indented}` : indented;
    }
    default:
      throw new Error(`${where}: unsupported function "${name}"`);
  }
}

function text(v: unknown, where: string): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  throw new Error(`${where}: cannot print a ${v === null ? 'null' : typeof v} value (use toYaml)`);
}
