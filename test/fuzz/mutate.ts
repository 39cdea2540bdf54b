// Hostile inputs derived from valid ones, as fast-check arbitraries: JSON bodies with a few values replaced by deep
// nesting, nulls, huge numbers, lone surrogates or values of the wrong type (or keys removed), then perhaps truncated;
// binary bodies with bytes flipped, cut, spliced or inserted; and arbitrary bytes.
import fc from 'fast-check';

/** Raw JSON texts a mutation can put in place of a value (what JSON.stringify cannot write: 1e999, 20,000 levels). */
const deepArray = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;
const deepObject = (n: number) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`;
const DEPTHS = [65, 101, 1000, 5000, 20_000];
const HUGE_NUMBERS = ['1e999', '-1e999', '1e308', '-1.7976931348623157e308', '18446744073709551616', '9223372036854775808', '-9223372036854775809', '9007199254740993', '1.5e-400', '-0', '0.000001', '4294967296'];
const HOSTILE_STRINGS = ['"\\ud800"', '"cart\\ud800"', '"\\udfff\\ud800x"', '"a\\u0000b"', '"1e999"', '"-1"', '""', '"\\u202e\\ufeff"', `"${'x'.repeat(20_000)}"`, '"[object Object]"', '"__proto__"', '"ffffffffffffffffffffffffffffffff"', '"0000000000000000"'];
const WRONG_TYPES = ['null', '[]', '{}', '[null]', '{"toString":1}', 'true', '0', '"x"', '[[[[]]]]'];

const MAX_BODY_CHARS = 1024 * 1024;

export type MutationKind = 'deep' | 'null' | 'number' | 'string' | 'wrongType' | 'delete' | 'repeat' | 'key';
const KINDS: MutationKind[] = ['deep', 'null', 'number', 'string', 'wrongType', 'delete', 'repeat', 'key'];

interface Mutation {
  path: number;
  kind: MutationKind;
  variant: number;
}

/** Every value of a parsed JSON document, with its parent and key (the root has none). */
function places(root: unknown): Array<{ parent: Record<string, unknown> | unknown[] | undefined; key: string | number }> {
  const out: Array<{ parent: Record<string, unknown> | unknown[] | undefined; key: string | number }> = [{ parent: undefined, key: '' }];
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const v = stack.pop();
    if (Array.isArray(v)) {
      v.forEach((x, i) => {
        out.push({ parent: v, key: i });
        stack.push(x);
      });
    } else if (typeof v === 'object' && v !== null) {
      for (const [k, x] of Object.entries(v)) {
        out.push({ parent: v as Record<string, unknown>, key: k });
        stack.push(x);
      }
    }
  }
  return out;
}

function rawFor(kind: MutationKind, variant: number): string {
  switch (kind) {
    case 'deep': {
      const n = DEPTHS[variant % DEPTHS.length] as number;
      return variant % 2 === 0 ? deepArray(n) : deepObject(n);
    }
    case 'null':
      return 'null';
    case 'number':
      return HUGE_NUMBERS[variant % HUGE_NUMBERS.length] as string;
    case 'string':
      return HOSTILE_STRINGS[variant % HOSTILE_STRINGS.length] as string;
    default:
      return WRONG_TYPES[variant % WRONG_TYPES.length] as string;
  }
}

/** `template` (a JSON value) with `mutations` applied, as JSON text. */
export function applyJsonMutations(template: unknown, mutations: readonly Mutation[]): string {
  const doc: unknown = structuredClone(template);
  const raws: string[] = [];
  const marker = (raw: string) => `\u0001RAW${raws.push(raw) - 1}\u0001`;
  let root = doc;
  for (const m of mutations) {
    const all = places(root);
    const { parent, key } = all[m.path % all.length] as (typeof all)[number];
    if (m.kind === 'delete' || m.kind === 'repeat' || m.kind === 'key') {
      if (parent === undefined) continue;
      if (m.kind === 'delete') {
        if (Array.isArray(parent)) parent.splice(key as number, 1);
        else delete parent[key as string];
      } else if (m.kind === 'repeat' && Array.isArray(parent)) {
        const copies = [2, 100, 2000][m.variant % 3] as number;
        parent.splice(key as number, 0, ...Array.from({ length: copies }, () => structuredClone(parent[key as number])));
      } else if (!Array.isArray(parent)) {
        const value = parent[key as string];
        delete parent[key as string];
        parent[['\ud800', '', '__proto__', 'constructor', 'a'.repeat(5000), 'x\u0000y'][m.variant % 6] as string] = value;
      }
      continue;
    }
    const replacement = marker(rawFor(m.kind, m.variant));
    if (parent === undefined) root = replacement;
    else if (Array.isArray(parent)) parent[key as number] = replacement;
    else parent[key as string] = replacement;
  }
  let text = JSON.stringify(root) ?? 'null';
  raws.forEach((raw, i) => {
    text = text.replace(`"\\u0001RAW${i}\\u0001"`, () => raw);
  });
  return text;
}

const mutation = fc.record({ path: fc.nat(), kind: fc.constantFrom(...KINDS), variant: fc.nat(100) });

/**
 * Bodies derived from the valid JSON `templates`: one to three mutations, a quarter of them cut short; plus a share of
 * arbitrary text and arbitrary bytes.
 */
export function mutatedJson(templates: readonly unknown[]): fc.Arbitrary<Buffer> {
  const derived = fc
    .record({ template: fc.constantFrom(...templates), mutations: fc.array(mutation, { minLength: 1, maxLength: 3 }), cut: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { freq: 3 }) })
    .map(({ template, mutations, cut }) => {
      const text = applyJsonMutations(template, mutations);
      // Cut at MAX_BODY_CHARS, so that drawing thousands of bodies stays fast (the body limits have tests of their own).
      const end = Math.min(MAX_BODY_CHARS, cut === null ? text.length : Math.floor(text.length * cut));
      return Buffer.from(text.slice(0, end));
    });
  return fc.oneof({ weight: 8, arbitrary: derived }, { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 300 }).map((s) => Buffer.from(s)) }, { weight: 1, arbitrary: arbitraryBytes });
}

/** Arbitrary bytes, up to 2 kB. */
export const arbitraryBytes: fc.Arbitrary<Buffer> = fc.uint8Array({ maxLength: 2048 }).map((b) => Buffer.from(b));

/** Bodies derived from the valid binary `templates` by flipping, cutting, splicing and inserting bytes. */
export function mutatedBytes(templates: readonly Uint8Array[]): fc.Arbitrary<Buffer> {
  const edit = fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), kind: fc.constantFrom('flip', 'cut', 'insert', 'splice', 'varint'), bytes: fc.uint8Array({ minLength: 1, maxLength: 16 }) });
  const derived = fc.record({ template: fc.constantFrom(...templates), edits: fc.array(edit, { minLength: 1, maxLength: 4 }) }).map(({ template, edits }) => {
    let b = Buffer.from(template);
    for (const e of edits) {
      const at = Math.floor(b.length * e.at);
      if (e.kind === 'flip' && b.length > 0) b[Math.min(at, b.length - 1)] ^= e.bytes[0] as number;
      else if (e.kind === 'cut') b = b.subarray(0, at);
      else if (e.kind === 'insert') b = Buffer.concat([b.subarray(0, at), Buffer.from(e.bytes), b.subarray(at)]);
      else if (e.kind === 'splice') b = Buffer.concat([b.subarray(0, at), b.subarray(Math.floor(at / 2))]);
      // A varint that never ends, or a length prefix far past the end.
      else b = Buffer.concat([b.subarray(0, at), Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f]), b.subarray(at)]);
    }
    return b;
  });
  return fc.oneof({ weight: 8, arbitrary: derived }, { weight: 1, arbitrary: arbitraryBytes });
}

/** Strings a hostile sender would put in names, keys and values. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('\ud800', 'cart\ud800', '\udfff\ud800', 'a\u0000b', '', '\u202e', 'x'.repeat(20_000), '__proto__', 'constructor'),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)), maxLength: 4 }),
);
