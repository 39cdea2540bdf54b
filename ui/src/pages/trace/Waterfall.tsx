import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { Trace } from '../../model/trace.js';
import { rowOf } from '../../model/visibleRows.js';
import type { WaterfallLayout } from '../../model/waterfallLayout.js';
import { TimeAxis } from './TimeAxis.js';
import { WaterfallRow } from './WaterfallRow.js';

/** Row height in pixels; rows are fixed-height so the visible slice is plain arithmetic on scrollTop. */
export const ROW_HEIGHT = 26;
const OVERSCAN = 12;

interface Props {
  trace: Trace;
  rows: Int32Array;
  layout: WaterfallLayout;
  colors: ReadonlyMap<string, string>;
  collapsed: ReadonlySet<number>;
  showCritical: boolean;
  selected: number;
  onToggle: (index: number) => void;
  onSelect: (index: number) => void;
}

/**
 * The timeline with its collapsible tree, virtualized: only the rows in view (plus a margin) are in the DOM, so a
 * 10,000-span trace renders and scrolls like a small one.
 */
export function Waterfall({ trace, rows, layout, colors, collapsed, showCritical, selected, onToggle, onSelect }: Props) {
  const body = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(600);
  const rowsRef = useRef(rows);
  rowsRef.current = rows;

  useLayoutEffect(() => {
    const el = body.current;
    if (el === null) return;
    setViewport(el.clientHeight);
    const observer = new ResizeObserver(() => setViewport(el.clientHeight));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  // Bring a span selected from elsewhere (deep link, hop list, parent link) into view.
  useEffect(() => {
    const el = body.current;
    if (el === null || selected === -1) return;
    const row = rowOf(rowsRef.current, selected);
    if (row === -1) return;
    const top = row * ROW_HEIGHT;
    if (top < el.scrollTop || top + ROW_HEIGHT > el.scrollTop + el.clientHeight) {
      el.scrollTop = Math.max(0, top - el.clientHeight / 3);
      setScrollTop(el.scrollTop);
    }
  }, [selected]);

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(rows.length, Math.ceil((scrollTop + viewport) / ROW_HEIGHT) + OVERSCAN);
  const slice: number[] = [];
  for (let r = first; r < last; r++) slice.push(r);

  return (
    <div className="waterfall" role="treegrid" aria-label="Trace timeline" aria-rowcount={rows.length}>
      <TimeAxis duration={trace.duration} />
      <div className="waterfall-body" ref={body} onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)} data-testid="waterfall-body">
        <div className="waterfall-spacer" style={{ height: rows.length * ROW_HEIGHT }}>
          {slice.map((r) => {
            const index = rows[r];
            const span = trace.spans[index];
            return (
              <WaterfallRow
                key={index}
                span={span}
                row={r}
                top={r * ROW_HEIGHT}
                height={ROW_HEIGHT}
                color={colors.get(span.service) ?? '#777'}
                left={layout.left[index]}
                width={layout.width[index]}
                criticalParts={showCritical ? layout.criticalParts.get(index) : undefined}
                appParts={layout.appParts.get(index)}
                collapsed={collapsed.has(index)}
                selected={selected === index}
                onToggle={onToggle}
                onSelect={onSelect}
              />
            );
          })}
        </div>
      </div>
    </div>
  );
}
