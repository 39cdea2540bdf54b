import type { FormEvent } from 'react';
import { useState } from 'react';
import { ApiError } from '../../api/apiError.js';
import { getTrace } from '../../api/client.js';
import { Empty, Failure, Loading } from '../../components/StateViews.js';
import { useAsync } from '../../components/useAsync.js';
import type { Trace } from '../../model/trace.js';
import { navigate } from '../../routing/navigation.js';
import { compareHref } from '../../routing/route.js';
import { CompareView } from './CompareView.js';

interface Props {
  a: string | undefined;
  b: string | undefined;
}

function usePossibleTrace(id: string | undefined) {
  return useAsync((signal): Promise<Trace | undefined> => (id === undefined ? Promise.resolve(undefined) : getTrace(id, signal)), [id]);
}

export function ComparePage({ a, b }: Props) {
  const [draftA, setDraftA] = useState(a ?? '');
  const [draftB, setDraftB] = useState(b ?? '');
  const traceA = usePossibleTrace(a);
  const traceB = usePossibleTrace(b);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    navigate(compareHref(draftA.trim().toLowerCase() || undefined, draftB.trim().toLowerCase() || undefined));
  };

  let body;
  if (a === undefined || b === undefined) {
    body = <Empty title="Pick two traces to compare">Enter two trace ids above, or tick two results on the Search page.</Empty>;
  } else if (traceA.status === 'loading' || traceB.status === 'loading') {
    body = <Loading what="both traces" />;
  } else if (traceA.status === 'error' || traceB.status === 'error') {
    const [side, id, error] = traceA.status === 'error' ? ['A', a, traceA.error] : ['B', b, (traceB as { error: unknown }).error];
    const notFound = error instanceof ApiError && error.status === 404;
    body = <Failure title={notFound ? `Trace ${side} (${id}) was not found` : `Trace ${side} could not be loaded`} error={error} />;
  } else if (traceA.value !== undefined && traceB.value !== undefined) {
    body = <CompareView a={traceA.value} b={traceB.value} />;
  }

  return (
    <div className="compare-page">
      <h1>Compare traces</h1>
      <form className="compare-form" onSubmit={submit} aria-label="Traces to compare">
        <label>
          Trace A
          <input name="a" className="mono" value={draftA} placeholder="trace id" onChange={(e) => setDraftA(e.target.value)} />
        </label>
        <label>
          Trace B
          <input name="b" className="mono" value={draftB} placeholder="trace id" onChange={(e) => setDraftB(e.target.value)} />
        </label>
        <button type="submit" className="primary">Compare</button>
      </form>
      {body}
    </div>
  );
}
