import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { renderHelmTemplate, type HelmContext } from './renderHelmTemplate.js';

const context: HelmContext = {
  Values: { image: { repository: 'spanbridge', tag: '0.1.0' }, size: '10Gi', port: 9411, list: [], map: { b: 1, a: { c: 'x' } } },
  Release: { Name: 'rel', Namespace: 'ns' },
  Chart: { Name: 'spanbridge', Version: '0.1.0', AppVersion: '0.1.0' },
};
const render = (t: string) => renderHelmTemplate(t, context, 't');

describe('renderHelmTemplate', () => {
  test('field paths of .Values, .Release and .Chart', () => {
    assert.equal(render('image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}" in {{ .Release.Namespace }}'), 'image: "spanbridge:0.1.0" in ns');
    assert.equal(render('name: {{ .Release.Name }}-config, chart {{ .Chart.Name }}-{{ .Chart.Version }}, port {{ .Values.port }}'), 'name: rel-config, chart spanbridge-0.1.0, port 9411');
  });

  test('{{- and -}} trim the whitespace (newlines included) on their side only', () => {
    assert.equal(render('a:\n  {{- .Release.Name }}\nb'), 'a:rel\nb');
    assert.equal(render('a: {{ .Release.Name -}}\n\n  b'), 'a: relb');
    assert.equal(render('x {{/* a comment */}} y'), 'x  y');
    assert.equal(render('x\n{{- /* a comment */ -}}\ny'), 'xy');
  });

  test('quote, toYaml, indent and nindent as Helm writes them', () => {
    assert.equal(render('storage: {{ .Values.size | quote }}'), 'storage: "10Gi"');
    assert.equal(render('m:\n  {{- toYaml .Values.map | nindent 2 }}\nend'), 'm:\n  b: 1\n  a:\n    c: x\nend');
    assert.equal(render('env:\n  {{- toYaml .Values.list | nindent 4 }}'), 'env:\n    []');
    assert.equal(render('{{ .Release.Name | indent 3 }}'), '   rel');
  });

  test('what it does not support, and unset values, throw naming the action', () => {
    assert.throws(() => render('{{ .Values.missing.key }}'), /t: \{\{ \.Values\.missing\.key \}\}: \.Values\.missing\.key is not set/);
    assert.throws(() => render('{{ include "x" . }}'), /unsupported (function|argument)/);
    assert.throws(() => render('{{ if .Values.size }}x{{ end }}'), /unsupported/);
    assert.throws(() => render('{{ .Values.map }}'), /cannot print a object value \(use toYaml\)/);
    assert.throws(() => render('{{ .Values.size | nindent }}'), /nindent takes 2 argument/);
  });
});
