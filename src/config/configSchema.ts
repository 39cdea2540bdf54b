// Building blocks for config schemas written with TypeBox. A schema is plain JSON Schema that ajv validates and fills
// with defaults (loadConfig.ts); its static type is what the component receives after that, so the one schema gives
// the validation, the defaults, the generated docs and the TypeScript type.
import { Kind, Type, type ObjectOptions, type SchemaOptions, type Static, type TObject, type TProperties, type TSchema, type TUnsafe } from '@sinclair/typebox';

/**
 * A mapping with these keys and no others. A key is `required` in the JSON schema only when it is neither
 * `Type.Optional` nor has a `default`; in the static type every key that is not `Type.Optional` is present, because
 * ajv has filled the default by the time a component sees the config.
 */
export function configObject<P extends TProperties>(properties: P, options: ObjectOptions = {}): TObject<P> {
  const { required, ...schema } = Type.Object(properties, { additionalProperties: false, ...options });
  const withoutDefault = ((required ?? []) as string[]).filter((key) => (properties[key] as TSchema).default === undefined);
  return (withoutDefault.length > 0 ? { ...schema, required: withoutDefault } : schema) as TObject<P>;
}

/** One of a few strings, as a JSON Schema `enum` (ajv then says "must be one of ..." rather than a failed anyOf). */
export function stringEnum<const V extends readonly string[]>(values: V, options: SchemaOptions = {}): TUnsafe<V[number]> {
  return Type.Unsafe<V[number]>({ enum: values, ...options });
}

/** A mapping of any keys to values of one schema (headers, attributes, pipelines by name). */
export function recordOf<V extends TSchema>(values: V, options: SchemaOptions = {}): TUnsafe<Record<string, Static<V>>> {
  return Type.Unsafe<Record<string, Static<V>>>({ type: 'object', additionalProperties: values, ...options });
}

/** A mapping that may also be null: YAML `key:` with no value, which enables a part with its defaults. */
export function nullable<T extends TObject>(schema: T): TUnsafe<Static<T> | null> {
  const { [Kind]: _kind, ...json } = schema;
  return Type.Unsafe<Static<T> | null>({ ...json, type: ['object', 'null'] });
}
