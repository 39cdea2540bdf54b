import type Database from 'better-sqlite3';

// Many rows per INSERT: one statement run binds up to `maxRows` rows (SQLite's bound of 32766 parameters allows far
// more), which costs much less than a run per row. Counts that are not a multiple of `maxRows` end with statements
// of maxRows / 2, maxRows / 4, ... 1 rows, each prepared once.

export type Bind = number | bigint | string | Buffer | null;

/** Writes row `row`'s values into params[at], params[at + 1], ... */
export type FillRow = (params: Bind[], at: number, row: number) => void;

export interface MultiRowInsert {
  /** Inserts rows 0 .. count - 1, in that order. */
  run(count: number, fill: FillRow): void;
}

export interface MultiRowInsertOptions {
  /** `INSERT INTO t (a, b)`. */
  head: string;
  columns: number;
  /** What follows the VALUES list (an ON CONFLICT clause). */
  tail?: string;
  /** A power of two. */
  maxRows?: number;
}

export function createMultiRowInsert(db: Database.Database, options: MultiRowInsertOptions): MultiRowInsert {
  const { head, columns, tail = '', maxRows = 64 } = options;
  const tuple = `(${new Array(columns).fill('?').join(', ')})`;
  const statements = new Map<number, { stmt: Database.Statement; params: Bind[] }>();
  const statementOf = (rows: number) => {
    let s = statements.get(rows);
    if (s === undefined) {
      s = { stmt: db.prepare(`${head} VALUES ${new Array(rows).fill(tuple).join(', ')} ${tail}`), params: new Array<Bind>(rows * columns) };
      statements.set(rows, s);
    }
    return s;
  };
  return {
    run(count, fill) {
      let row = 0;
      for (let rows = maxRows; rows >= 1; rows >>= 1) {
        if (count - row < rows) continue;
        const { stmt, params } = statementOf(rows);
        while (count - row >= rows) {
          for (let r = 0; r < rows; r++) fill(params, r * columns, row + r);
          stmt.run(params);
          row += rows;
        }
        params.fill(null);
      }
    },
  };
}
