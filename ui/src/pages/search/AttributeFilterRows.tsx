import type { AttributeFilter, AttributeFilterOp } from '../../model/searchQuery.js';

const OPS: readonly { op: AttributeFilterOp; label: string }[] = [
  { op: 'equals', label: '=' },
  { op: 'regex', label: '~ regex' },
  { op: 'exists', label: 'exists' },
];

interface Props {
  filters: readonly AttributeFilter[];
  onChange: (filters: readonly AttributeFilter[]) => void;
}

/** Attribute filters, one per row: key, how it matches (equals, regex, exists) and the value. */
export function AttributeFilterRows({ filters, onChange }: Props) {
  const update = (i: number, patch: Partial<AttributeFilter>) => onChange(filters.map((f, k) => (k === i ? { ...f, ...patch } : f)));
  return (
    <fieldset className="attribute-filters">
      <legend>Attributes</legend>
      {filters.map((f, i) => (
        <div className="attribute-row" key={i}>
          <input aria-label={`Attribute ${i + 1} key`} name="attrKey" placeholder="key" value={f.key} onChange={(e) => update(i, { key: e.target.value })} />
          <select aria-label={`Attribute ${i + 1} match`} value={f.op} onChange={(e) => update(i, { op: e.target.value as AttributeFilterOp })}>
            {OPS.map((o) => (
              <option key={o.op} value={o.op}>{o.label}</option>
            ))}
          </select>
          {f.op !== 'exists' && (
            <input aria-label={`Attribute ${i + 1} value`} name="attrValue" placeholder="value" value={f.value} onChange={(e) => update(i, { value: e.target.value })} />
          )}
          <button type="button" className="icon" aria-label={`Remove attribute ${i + 1}`} onClick={() => onChange(filters.filter((_, k) => k !== i))}>
            ×
          </button>
        </div>
      ))}
      <button type="button" className="link-button" onClick={() => onChange([...filters, { key: '', op: 'equals', value: '' }])}>
        + Add attribute filter
      </button>
    </fieldset>
  );
}
