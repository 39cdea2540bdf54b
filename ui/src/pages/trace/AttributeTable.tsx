import type { Attribute } from '../../model/trace.js';

/** Key/value rows; the wire type shows for values that are not plain strings (so `200` int differs from `"200"`). */
export function AttributeTable({ attributes, label }: { attributes: readonly Attribute[]; label: string }) {
  if (attributes.length === 0) return <p className="hint">No {label.toLowerCase()}.</p>;
  return (
    <table className="data-table kv-table" aria-label={label}>
      <tbody>
        {attributes.map((a) => (
          <tr key={a.key}>
            <th scope="row">{a.key}</th>
            <td>
              <span className="kv-value">{a.text}</span>
              {a.type !== 'string' && <span className="kv-type">{a.type}</span>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
