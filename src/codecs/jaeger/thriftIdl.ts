// Thrift IDL loaded at run time with @creditkarma/thrift-parser, so field ids and types come from the vendored
// upstream files (proto/jaeger/README.md), not from hand-written tables. Only what the generic reader needs is kept:
// each struct's fields by id, and each service function's argument list as a struct of its own.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parse, SyntaxType, type FieldDefinition, type FieldType, type FunctionType } from '@creditkarma/thrift-parser';

export type ThriftType =
  | { kind: 'bool' | 'byte' | 'i16' | 'i32' | 'i64' | 'double' | 'string' | 'binary' }
  | { kind: 'list' | 'set'; element: ThriftType }
  | { kind: 'map'; key: ThriftType; value: ThriftType }
  /** A struct or enum named `file.Name`; which one is decided when it is read. */
  | { kind: 'named'; name: string };

export interface ThriftField {
  id: number;
  name: string;
  type: ThriftType;
  required: boolean;
}

export interface ThriftStruct {
  /** `file.Name`, or `file.Service.function` for an argument list. */
  name: string;
  fields: ReadonlyMap<number, ThriftField>;
}

export interface ThriftIdl {
  structs: ReadonlyMap<string, ThriftStruct>;
  enums: ReadonlySet<string>;
}

function typeOf(t: FieldType | FunctionType, file: string): ThriftType {
  switch (t.type) {
    case SyntaxType.BoolKeyword:
      return { kind: 'bool' };
    case SyntaxType.ByteKeyword:
    case SyntaxType.I8Keyword:
      return { kind: 'byte' };
    case SyntaxType.I16Keyword:
      return { kind: 'i16' };
    case SyntaxType.I32Keyword:
      return { kind: 'i32' };
    case SyntaxType.I64Keyword:
      return { kind: 'i64' };
    case SyntaxType.DoubleKeyword:
      return { kind: 'double' };
    case SyntaxType.StringKeyword:
      return { kind: 'string' };
    case SyntaxType.BinaryKeyword:
      return { kind: 'binary' };
    case SyntaxType.ListType:
      return { kind: 'list', element: typeOf(t.valueType, file) };
    case SyntaxType.SetType:
      return { kind: 'set', element: typeOf(t.valueType, file) };
    case SyntaxType.MapType:
      return { kind: 'map', key: typeOf(t.keyType, file), value: typeOf(t.valueType, file) };
    case SyntaxType.Identifier:
      // A name without a dot is declared in the same file; `other.Name` in an included one.
      return { kind: 'named', name: t.value.includes('.') ? t.value : `${file}.${t.value}` };
    default:
      throw new Error(`thrift IDL ${file}: unsupported field type ${String(t.type)}`);
  }
}

function fieldsOf(defs: FieldDefinition[], file: string): Map<number, ThriftField> {
  const fields = new Map<number, ThriftField>();
  for (const f of defs) {
    if (f.fieldID === null) throw new Error(`thrift IDL ${file}: field ${f.name.value} has no id`);
    fields.set(f.fieldID.value, { id: f.fieldID.value, name: f.name.value, type: typeOf(f.fieldType, file), required: f.requiredness === 'required' });
  }
  return fields;
}

/** Parses the given `.thrift` files; a file's definitions are named after its base name (`jaeger.Span`). */
export function loadThriftIdl(paths: readonly string[]): ThriftIdl {
  const structs = new Map<string, ThriftStruct>();
  const enums = new Set<string>();
  for (const path of paths) {
    const file = basename(path, '.thrift');
    const doc = parse(readFileSync(path, 'utf8'));
    if (doc.type === SyntaxType.ThriftErrors) throw new Error(`thrift IDL ${path}: ${doc.errors.map((e) => e.message).join('; ')}`);
    for (const def of doc.body) {
      if (def.type === SyntaxType.StructDefinition) structs.set(`${file}.${def.name.value}`, { name: `${file}.${def.name.value}`, fields: fieldsOf(def.fields, file) });
      else if (def.type === SyntaxType.EnumDefinition) enums.add(`${file}.${def.name.value}`);
      else if (def.type === SyntaxType.ServiceDefinition) {
        for (const fn of def.functions) {
          const name = `${file}.${def.name.value}.${fn.name.value}`;
          structs.set(name, { name, fields: fieldsOf(fn.fields, file) });
        }
      }
    }
  }
  return { structs, enums };
}
