export interface PartsResult {
  /** The positions no write could take, each alone; empty when every part went through. */
  refused: number[];
  /** The error the first refused item failed with. */
  firstError: unknown;
}

/**
 * After `count` items (a batch's spans) failed to be written together (with `failure`) because of their data, not an
 * outage, writes them again in halves, and the halves of a half that fails, down to single items: one item the store
 * cannot keep then costs only itself, in about 2 log2(n) extra writes per bad item, while the rest is stored. `write`
 * stores items [from, to) (a transaction of its own) or throws; `isDataError` tells a failure caused by
 * the part's data from an outage, which ends the search and is thrown (parts written until then stay written:
 * delivery is at least once). Returns the positions refused.
 */
export function writeInParts(count: number, failure: unknown, write: (from: number, to: number) => void, isDataError: (e: unknown) => boolean): PartsResult {
  const result: PartsResult = { refused: [], firstError: undefined };
  // Parts to try, as [from, to) ranges, starting with the two halves of the batch that failed whole; a stack, so the
  // search goes depth first and holds about log2(n) ranges.
  const ranges: Array<[number, number]> = [];
  const refuse = (i: number, e: unknown) => {
    if (result.refused.length === 0) result.firstError = e;
    result.refused.push(i);
  };
  const split = (from: number, to: number) => {
    const middle = from + Math.ceil((to - from) / 2);
    ranges.push([middle, to], [from, middle]);
  };
  if (count === 1) refuse(0, failure);
  else if (count > 1) split(0, count);
  while (ranges.length > 0) {
    const [from, to] = ranges.pop() as [number, number];
    try {
      write(from, to);
    } catch (e) {
      if (!isDataError(e)) throw e;
      if (to - from === 1) refuse(from, e);
      else split(from, to);
    }
  }
  return result;
}
