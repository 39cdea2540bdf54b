import type { FormEvent } from 'react';
import { useState } from 'react';
import { getOperations, getServices } from '../../api/client.js';
import { useAsync } from '../../components/useAsync.js';
import type { AttributeFilter, Lookback, SearchQuery } from '../../model/searchQuery.js';
import { LOOKBACKS, SPAN_KINDS, isDurationText } from '../../model/searchQuery.js';
import type { SpanKindName } from '../../model/trace.js';
import { AttributeFilterRows } from './AttributeFilterRows.js';
import { localInputToMillis, millisToLocalInput } from './localTime.js';

const LOOKBACK_LABELS: Record<Lookback, string> = {
  '15m': 'Last 15 minutes',
  '1h': 'Last hour',
  '6h': 'Last 6 hours',
  '24h': 'Last 24 hours',
  '7d': 'Last 7 days',
  all: 'Any time',
  custom: 'Custom range',
};

interface Props {
  initial: SearchQuery;
  onSubmit: (query: SearchQuery) => void;
}

/** The search filters: service, operation, attribute filters, min/max duration, time range. */
export function SearchForm({ initial, onSubmit }: Props) {
  const [service, setService] = useState(initial.service ?? '');
  const [operation, setOperation] = useState(initial.operation ?? '');
  const [spanKind, setSpanKind] = useState<string>(initial.spanKind ?? '');
  const [attributes, setAttributes] = useState<readonly AttributeFilter[]>(initial.attributes);
  const [minDuration, setMinDuration] = useState(initial.minDuration ?? '');
  const [maxDuration, setMaxDuration] = useState(initial.maxDuration ?? '');
  const [lookback, setLookback] = useState<Lookback>(initial.lookback);
  const [start, setStart] = useState(initial.start === undefined ? '' : millisToLocalInput(initial.start));
  const [end, setEnd] = useState(initial.end === undefined ? '' : millisToLocalInput(initial.end));
  const [limit, setLimit] = useState(String(initial.limit));

  const services = useAsync((signal) => getServices(signal), []);
  const operations = useAsync((signal) => getOperations(service || undefined, signal), [service]);

  const problems: string[] = [];
  if (!isDurationText(minDuration)) problems.push('Min duration: use 250ms, 1.5s, 1h30m or microseconds.');
  if (!isDurationText(maxDuration)) problems.push('Max duration: use 250ms, 1.5s, 1h30m or microseconds.');
  const limitNumber = Number(limit);
  if (!Number.isInteger(limitNumber) || limitNumber < 1 || limitNumber > 1000) problems.push('Limit: a whole number from 1 to 1000.');
  if (attributes.some((a) => a.key.trim() === '')) problems.push('Every attribute filter needs a key.');

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (problems.length > 0) return;
    onSubmit({
      service: service || undefined,
      operation: operation || undefined,
      spanKind: (spanKind || undefined) as SpanKindName | undefined,
      attributes: attributes.map((a) => ({ ...a, key: a.key.trim() })),
      minDuration: minDuration || undefined,
      maxDuration: maxDuration || undefined,
      lookback,
      start: lookback === 'custom' ? localInputToMillis(start) : undefined,
      end: lookback === 'custom' ? localInputToMillis(end) : undefined,
      limit: limitNumber,
      via: initial.via,
    });
  };

  const serviceNames = services.status === 'ok' ? services.value : [];
  const operationNames = operations.status === 'ok' ? [...new Set(operations.value.map((o) => o.name))] : [];

  return (
    <form className="search-form" onSubmit={submit} aria-label="Find traces">
      <label>
        Service
        <select name="service" value={service} onChange={(e) => { setService(e.target.value); setOperation(''); }}>
          <option value="">All services</option>
          {service !== '' && !serviceNames.includes(service) && <option value={service}>{service}</option>}
          {serviceNames.map((s) => (
            <option key={s} value={s}>{s}</option>
          ))}
        </select>
      </label>
      {services.status === 'error' && <p className="field-error">Services could not be loaded.</p>}
      <label>
        Operation
        <select name="operation" value={operation} onChange={(e) => setOperation(e.target.value)}>
          <option value="">All operations</option>
          {operation !== '' && !operationNames.includes(operation) && <option value={operation}>{operation}</option>}
          {operationNames.map((o) => (
            <option key={o} value={o}>{o}</option>
          ))}
        </select>
      </label>
      <label>
        Span kind
        <select name="spanKind" value={spanKind} onChange={(e) => setSpanKind(e.target.value)}>
          <option value="">Any kind</option>
          {SPAN_KINDS.map((k) => (
            <option key={k} value={k}>{k}</option>
          ))}
        </select>
      </label>
      <AttributeFilterRows filters={attributes} onChange={setAttributes} />
      <div className="field-pair">
        <label>
          Min duration
          <input name="minDuration" value={minDuration} placeholder="e.g. 100ms" onChange={(e) => setMinDuration(e.target.value.trim())} />
        </label>
        <label>
          Max duration
          <input name="maxDuration" value={maxDuration} placeholder="e.g. 2s" onChange={(e) => setMaxDuration(e.target.value.trim())} />
        </label>
      </div>
      <label>
        Time range
        <select name="lookback" value={lookback} onChange={(e) => setLookback(e.target.value as Lookback)}>
          {LOOKBACKS.map((l) => (
            <option key={l} value={l}>{LOOKBACK_LABELS[l]}</option>
          ))}
        </select>
      </label>
      {lookback === 'custom' && (
        <div className="field-pair">
          <label>
            From
            <input type="datetime-local" name="start" step="1" value={start} onChange={(e) => setStart(e.target.value)} />
          </label>
          <label>
            To
            <input type="datetime-local" name="end" step="1" value={end} onChange={(e) => setEnd(e.target.value)} />
          </label>
        </div>
      )}
      <label>
        Limit
        <input name="limit" type="number" min={1} max={1000} value={limit} onChange={(e) => setLimit(e.target.value)} />
      </label>
      {problems.map((p) => (
        <p key={p} className="field-error" role="alert">{p}</p>
      ))}
      <button type="submit" className="primary" disabled={problems.length > 0}>
        Find traces
      </button>
    </form>
  );
}
