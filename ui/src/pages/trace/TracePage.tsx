import { ApiError } from '../../api/apiError.js';
import { getTrace } from '../../api/client.js';
import { Empty, Failure, Loading } from '../../components/StateViews.js';
import { useAsync } from '../../components/useAsync.js';
import { Link } from '../../routing/Link.js';
import { TraceView } from './TraceView.js';

interface Props {
  traceId: string;
  spanId: string | undefined;
}

export function TracePage({ traceId, spanId }: Props) {
  const trace = useAsync((signal) => getTrace(traceId, signal), [traceId]);
  if (trace.status === 'loading') return <Loading what="the trace" />;
  if (trace.status === 'error') {
    const notFound = trace.error instanceof ApiError && trace.error.status === 404;
    return (
      <Failure title={notFound ? `Trace ${traceId} was not found` : 'The trace could not be loaded'} error={trace.error}>
        <Link href="/search">Back to search</Link>
      </Failure>
    );
  }
  if (trace.value.spans.length === 0) {
    return <Empty title={`Trace ${traceId} has no spans`}>Its spans may have been removed by retention.</Empty>;
  }
  return <TraceView trace={trace.value} spanId={spanId} />;
}
