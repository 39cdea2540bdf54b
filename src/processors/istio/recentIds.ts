import { fmix32 } from '../../model/hashing.js';

/**
 * The latest 64-bit ids noted, each with a value of two or four 32-bit words, for the rules that must recognise an id
 * seen some seconds earlier at tens of thousands of spans a second (docs/zipkin-mesh.md, "64-bit trace ids" and
 * "Shared spans"). Ids and values are kept as 32-bit numbers in typed arrays, 40-60 bytes an entry; an LRU cache of hex
 * strings and objects took 150-370 bytes an entry, which at the default bound of 100,000 held some 70 MB of the main
 * thread's heap.
 *
 * Entries live in two generations of `capacity / 2` each: a new id goes into the current one, and when that is full
 * the previous one is dropped and the current one becomes the previous. A lookup reads both. So the latest
 * `capacity / 2` to `capacity` ids are remembered, at constant cost per id and without deleting entries one by one.
 */
export class RecentIds {
  private current: IdTable;
  private previous: IdTable;
  private readonly generation: number;
  /** Where the last successful `get` found its id. */
  private found: IdTable;
  private foundAt = 0;

  /** `words`: 32-bit words per value, 2 or 4. */
  constructor(capacity: number, words: 2 | 4 = 2) {
    this.generation = Math.max(1, Math.floor(capacity / 2));
    this.current = new IdTable(words);
    this.previous = new IdTable(words);
    this.found = this.current;
  }

  /** Remembers the id (two 32-bit halves) with its value, as the latest; a remembered id takes the new value. */
  set(idHigh: number, idLow: number, v0: number, v1: number, v2 = 0, v3 = 0): void {
    const at = this.current.find(idHigh, idLow);
    if (at >= 0) {
      this.current.store(at, v0, v1, v2, v3);
      return;
    }
    if (this.current.size >= this.generation) {
      const dropped = this.previous;
      this.previous = this.current;
      dropped.clear();
      this.current = dropped;
    }
    this.current.insert(idHigh, idLow, v0, v1, v2, v3);
  }

  /** Whether the id is remembered; `value` then reads its value. */
  get(idHigh: number, idLow: number): boolean {
    return this.read(this.current, idHigh, idLow) || this.read(this.previous, idHigh, idLow);
  }

  /** Word `word` of the value the last successful `get` found. */
  value(word: number): number {
    return this.found.word(this.foundAt, word);
  }

  get size(): number {
    return this.current.size + this.previous.size;
  }

  clear(): void {
    this.current.clear();
    this.previous.clear();
  }

  private read(table: IdTable, idHigh: number, idLow: number): boolean {
    const at = table.find(idHigh, idLow);
    if (at < 0) return false;
    this.found = table;
    this.foundAt = at;
    return true;
  }
}

const INITIAL_SLOTS = 1 << 10;

/** An open-addressing table of 64-bit ids with values of `words` 32-bit words, at most half full, grown by doubling. */
class IdTable {
  size = 0;
  private mask = INITIAL_SLOTS - 1;
  private used = new Uint8Array(INITIAL_SLOTS);
  private idHigh = new Uint32Array(INITIAL_SLOTS);
  private idLow = new Uint32Array(INITIAL_SLOTS);
  private values: Uint32Array;

  constructor(private readonly words: number) {
    this.values = new Uint32Array(INITIAL_SLOTS * words);
  }

  /** The id's slot, or -1. */
  find(high: number, low: number): number {
    for (let i = slotOf(high, low) & this.mask; this.used[i] === 1; i = (i + 1) & this.mask) {
      if (this.idLow[i] === low && this.idHigh[i] === high) return i;
    }
    return -1;
  }

  word(slot: number, word: number): number {
    return this.values[slot * this.words + word] as number;
  }

  store(slot: number, v0: number, v1: number, v2: number, v3: number): void {
    const at = slot * this.words;
    this.values[at] = v0;
    this.values[at + 1] = v1;
    if (this.words === 4) {
      this.values[at + 2] = v2;
      this.values[at + 3] = v3;
    }
  }

  /** Adds an id that is not here. */
  insert(high: number, low: number, v0: number, v1: number, v2: number, v3: number): void {
    if (2 * (this.size + 1) > this.used.length) this.grow();
    this.store(this.place(high, low), v0, v1, v2, v3);
  }

  /** Takes a free slot for an id that is not here; its value is the caller's to store. */
  private place(high: number, low: number): number {
    let i = slotOf(high, low) & this.mask;
    while (this.used[i] === 1) i = (i + 1) & this.mask;
    this.used[i] = 1;
    this.idHigh[i] = high;
    this.idLow[i] = low;
    this.size++;
    return i;
  }

  /** Empties the table, keeping its space (the generation it next holds grows to the same size). */
  clear(): void {
    if (this.size > 0) this.used.fill(0);
    this.size = 0;
  }

  private grow(): void {
    const { used, idHigh, idLow, values, words } = this;
    const slots = 2 * used.length;
    this.mask = slots - 1;
    this.used = new Uint8Array(slots);
    this.idHigh = new Uint32Array(slots);
    this.idLow = new Uint32Array(slots);
    this.values = new Uint32Array(slots * words);
    this.size = 0;
    for (let i = 0; i < used.length; i++) {
      if (used[i] === 1) this.values.set(values.subarray(i * words, (i + 1) * words), this.place(idHigh[i] as number, idLow[i] as number) * words);
    }
  }
}

/** Mixes both halves (murmur3's finalizer over their combination), so ids that differ in either spread. */
function slotOf(high: number, low: number): number {
  return fmix32(Math.imul(high, 0x9e3779b1) ^ low);
}
