import { memo } from 'react';
import { formatDuration } from '../../model/format.js';
import type { TraceSpan } from '../../model/trace.js';
import type { BarPart } from '../../model/waterfallLayout.js';

/** Indentation stops growing past this depth (deep chains would push names out of the column); the depth shows on hover. */
const MAX_INDENT_DEPTH = 24;
const INDENT_PX = 14;

interface Props {
  span: TraceSpan;
  row: number;
  top: number;
  height: number;
  color: string;
  /** Bar start and width as fractions of the trace duration. */
  left: number;
  width: number;
  criticalParts: readonly BarPart[] | undefined;
  appParts: readonly BarPart[] | undefined;
  collapsed: boolean;
  selected: boolean;
  onToggle: (index: number) => void;
  onSelect: (index: number) => void;
}

function partStyle([a, b]: BarPart) {
  return { left: `${a * 100}%`, width: `${(b - a) * 100}%` };
}

/** One span: tree toggle, service and operation, and its bar (O(1): everything comes precomputed). */
export const WaterfallRow = memo(function WaterfallRow(p: Props) {
  const s = p.span;
  const hasChildren = s.childIndexes.length > 0;
  const classes = ['waterfall-row'];
  if (p.selected) classes.push('selected');
  if (s.isError) classes.push('error');
  if (s.isProxy) classes.push('proxy');
  if (p.criticalParts !== undefined) classes.push('on-critical-path');
  const labelPlace = p.left + p.width <= 0.88 ? 'right' : p.left >= 0.1 ? 'left' : 'inside';
  return (
    <div
      className={classes.join(' ')}
      role="row"
      aria-rowindex={p.row + 1}
      aria-level={s.depth + 1}
      aria-selected={p.selected}
      aria-expanded={hasChildren ? !p.collapsed : undefined}
      data-span-id={s.spanId}
      style={{ top: p.top, height: p.height }}
      tabIndex={0}
      onClick={() => p.onSelect(s.index)}
      onKeyDown={(e) => {
        if (e.target !== e.currentTarget) return;
        if (e.key === 'Enter') p.onSelect(s.index);
        else if (hasChildren && ((e.key === 'ArrowLeft' && !p.collapsed) || (e.key === 'ArrowRight' && p.collapsed))) p.onToggle(s.index);
      }}
    >
      <div className="row-name" role="gridcell" title={`${s.service}: ${s.name} (depth ${s.depth})`}>
        <span className="indent" style={{ width: Math.min(s.depth, MAX_INDENT_DEPTH) * INDENT_PX }} />
        {hasChildren ? (
          <button
            type="button"
            className="tree-toggle"
            aria-label={p.collapsed ? `Expand ${s.name}` : `Collapse ${s.name}`}
            aria-expanded={!p.collapsed}
            onClick={(e) => {
              e.stopPropagation();
              p.onToggle(s.index);
            }}
          >
            {p.collapsed ? '▸' : '▾'}
          </button>
        ) : (
          <span className="tree-leaf" />
        )}
        <span className="service-dot" style={{ background: p.color }} />
        <span className="row-service">{s.service}</span>
        <span className="row-operation">{s.name}</span>
        {s.isProxy && <span className="badge badge-sidecar">sidecar</span>}
        {s.isError && <span className="badge badge-error" aria-label="error">!</span>}
        {p.collapsed && <span className="badge badge-hidden">+{s.subtreeEnd - s.index - 1}</span>}
      </div>
      <div className="row-timeline" role="gridcell">
        <div
          className={s.isProxy ? 'span-bar span-bar-proxy' : 'span-bar'}
          style={{ left: `${p.left * 100}%`, width: `${p.width * 100}%`, background: s.isProxy ? undefined : p.color, borderColor: p.color }}
        >
          {p.appParts?.map((part, i) => (
            <span key={i} className="bar-app" style={{ ...partStyle(part), background: p.color }} />
          ))}
          {p.criticalParts?.map((part, i) => (
            <span key={`c${i}`} className="bar-critical" style={partStyle(part)} />
          ))}
        </div>
        <span
          className={labelPlace === 'inside' ? 'bar-label bar-label-inside' : 'bar-label'}
          style={
            labelPlace === 'right'
              ? { left: `${(p.left + p.width) * 100}%` }
              : labelPlace === 'left'
                ? { right: `${(1 - p.left) * 100}%` }
                : { right: `${(1 - p.left - p.width) * 100}%` }
          }
        >
          {formatDuration(s.duration)}
        </span>
      </div>
    </div>
  );
});
