/**
 * The latest 64-bit ids noted, each with a 64-bit value, for the rules that must recognise an id seen some seconds
 * earlier at tens of thousands of spans a second (docs/zipkin-mesh.md, "64-bit trace ids" and "Shared spans"). Ids and
 * values are kept as pairs of 32-bit numbers in typed arrays, about 40 bytes an entry; an LRU cache of hex strings
 * took 150-190 bytes an entry, which at the default bound of 100,000 held some 50 MB of the main thread's heap.
 *
 * Entries live in two generations of `capacity / 2` each: a new id goes into the current one, and when that is full
 * the previous one is dropped and the current one becomes the previous. A lookup reads both. So the latest
 * `capacity / 2` to `capacity` ids are remembered, at constant cost per id and without deleting entries one by one.
 */
export class RecentIds {
  private current: IdTable;
  private previous: IdTable;
  private readonly generation: number;
  /** The value found by the last successful `get`. */
  valueHigh = 0;
  valueLow = 0;

  constructor(capacity: number) {
    this.generation = Math.max(1, Math.floor(capacity / 2));
    this.current = new IdTable();
    this.previous = new IdTable();
  }

  /** Remembers the id (two 32-bit halves) with its value, as the latest; a remembered id takes the new value. */
  set(idHigh: number, idLow: number, valueHigh: number, valueLow: number): void {
    if (this.current.update(idHigh, idLow, valueHigh, valueLow)) return;
    if (this.current.size >= this.generation) {
      const dropped = this.previous;
      this.previous = this.current;
      dropped.clear();
      this.current = dropped;
    }
    this.current.insert(idHigh, idLow, valueHigh, valueLow);
  }

  /** Whether the id is remembered; its value is then in valueHigh and valueLow. */
  get(idHigh: number, idLow: number): boolean {
    return this.read(this.current, idHigh, idLow) || this.read(this.previous, idHigh, idLow);
  }

  get size(): number {
    return this.current.size + this.previous.size;
  }

  clear(): void {
    this.current.clear();
    this.previous.clear();
  }

  private read(table: IdTable, idHigh: number, idLow: number): boolean {
    const slot = table.find(idHigh, idLow);
    if (slot < 0) return false;
    this.valueHigh = table.valueHigh[slot] as number;
    this.valueLow = table.valueLow[slot] as number;
    return true;
  }
}

const INITIAL_SLOTS = 1 << 10;

/** An open-addressing table of 64-bit ids with 64-bit values, at most half full, grown by doubling. */
class IdTable {
  size = 0;
  private mask = INITIAL_SLOTS - 1;
  private used = new Uint8Array(INITIAL_SLOTS);
  private idHigh = new Uint32Array(INITIAL_SLOTS);
  private idLow = new Uint32Array(INITIAL_SLOTS);
  valueHigh = new Uint32Array(INITIAL_SLOTS);
  valueLow = new Uint32Array(INITIAL_SLOTS);

  /** The id's slot, or -1. */
  find(high: number, low: number): number {
    for (let i = slotOf(high, low) & this.mask; this.used[i] === 1; i = (i + 1) & this.mask) {
      if (this.idLow[i] === low && this.idHigh[i] === high) return i;
    }
    return -1;
  }

  /** Gives a present id the value; false when the id is not here. */
  update(high: number, low: number, valueHigh: number, valueLow: number): boolean {
    const i = this.find(high, low);
    if (i < 0) return false;
    this.valueHigh[i] = valueHigh;
    this.valueLow[i] = valueLow;
    return true;
  }

  /** Adds an id that is not here. */
  insert(high: number, low: number, valueHigh: number, valueLow: number): void {
    if (2 * (this.size + 1) > this.used.length) this.grow();
    let i = slotOf(high, low) & this.mask;
    while (this.used[i] === 1) i = (i + 1) & this.mask;
    this.used[i] = 1;
    this.idHigh[i] = high;
    this.idLow[i] = low;
    this.valueHigh[i] = valueHigh;
    this.valueLow[i] = valueLow;
    this.size++;
  }

  /** Empties the table, keeping its space (the generation it next holds grows to the same size). */
  clear(): void {
    if (this.size > 0) this.used.fill(0);
    this.size = 0;
  }

  private grow(): void {
    const { used, idHigh, idLow, valueHigh, valueLow } = this;
    const slots = 2 * used.length;
    this.mask = slots - 1;
    this.used = new Uint8Array(slots);
    this.idHigh = new Uint32Array(slots);
    this.idLow = new Uint32Array(slots);
    this.valueHigh = new Uint32Array(slots);
    this.valueLow = new Uint32Array(slots);
    this.size = 0;
    for (let i = 0; i < used.length; i++) {
      if (used[i] === 1) this.insert(idHigh[i] as number, idLow[i] as number, valueHigh[i] as number, valueLow[i] as number);
    }
  }
}

/** Mixes both halves (murmur3's finalizer over their combination), so ids that differ in either spread. */
function slotOf(high: number, low: number): number {
  let x = Math.imul(high, 0x9e3779b1) ^ low;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/**
 * The number written by the 8 hex digits of `s` from `at` (either case), or -1 when they are not 8 hex digits; ids
 * are read in 32-bit halves this way without slicing the string.
 */
export function hexWord(s: string, at: number): number {
  let x = 0;
  for (let i = at; i < at + 8; i++) {
    const c = s.charCodeAt(i);
    const d = c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : c >= 65 && c <= 70 ? c - 55 : -1;
    if (d < 0) return -1;
    x = x * 16 + d;
  }
  return x;
}

/** `n` (0 to 2^32 - 1) as 8 lowercase hex digits. */
export function wordHex(n: number): string {
  return n.toString(16).padStart(8, '0');
}
