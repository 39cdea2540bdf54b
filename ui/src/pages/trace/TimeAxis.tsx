import { formatDuration } from '../../model/format.js';
import type { Nanos } from '../../model/time.js';
import { timeTicks } from '../../model/waterfallLayout.js';

export function TimeAxis({ duration }: { duration: Nanos }) {
  return (
    <div className="waterfall-axis" aria-hidden="true">
      <div className="axis-name">Service · operation</div>
      <div className="axis-timeline">
        {timeTicks(duration).map((t) => (
          <span key={t.fraction} className="axis-tick" style={t.fraction === 1 ? { right: 0 } : { left: `${t.fraction * 100}%` }}>
            {formatDuration(t.offset)}
          </span>
        ))}
      </div>
    </div>
  );
}
