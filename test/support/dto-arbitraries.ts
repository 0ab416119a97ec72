import { Type } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import type { MetadataStorage as TransformerMetadata } from 'class-transformer/types/MetadataStorage';
import { getMetadataStorage, length as isLength, validateSync } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import fc from 'fast-check';

/**
 * Request bodies derived from the class-validator metadata of a DTO: the shape of each field, arbitraries of
 * valid bodies, and mutations of a valid body that are invalid by construction (one field at a time).
 */

export type Schema =
  | { kind: 'string'; minLength: number; maxLength?: number; pattern?: RegExp; oneOf?: readonly unknown[]; equals?: unknown; date?: boolean; url?: boolean; uuid?: boolean }
  | { kind: 'number'; integer: boolean; min?: number; max?: number; decimals?: number; excluded: unknown[] }
  | { kind: 'boolean' }
  | { kind: 'array'; minSize: number; maxSize?: number; unique: boolean; element: Schema }
  | ObjectSchema
  | { kind: 'union'; discriminator: string; variants: Record<string, ObjectSchema> }
  /** No constraint says what the field is: the generator cannot make one, and says so. */
  | { kind: 'unknown'; constraints: string[] };

export interface ObjectSchema {
  kind: 'object';
  dto: Type<object>;
  fields: Field[];
}

export interface Field {
  name: string;
  optional: boolean;
  schema: Schema;
  /** Date fields that must not come before (`notBefore`) or must come after (`after`) another field. */
  notBefore?: string;
  after?: string;
}

/** A number literal JSON.stringify cannot write (1e400, 2^53 + 1 exactly): sent as is. */
export class RawJson {
  constructor(readonly text: string) {}
}

/** The JSON text of a body, with RawJson literals and own `__proto__` keys written as they are. */
export function toJsonText(value: unknown): string {
  if (value instanceof RawJson) return value.text;
  if (Array.isArray(value)) return `[${value.map(toJsonText).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    return `{${Object.entries(value)
      .map(([key, item]) => `${JSON.stringify(key)}:${toJsonText(item)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

const storage = getMetadataStorage();
// class-transformer keeps its @Type metadata (nested classes, discriminators) in a storage it does not re-export.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as { defaultMetadataStorage: TransformerMetadata };
const schemas = new Map<Type<object>, ObjectSchema>();

/** The schema of a DTO class, from its class-validator and class-transformer metadata. */
export function schemaOf(dto: Type<object>): ObjectSchema {
  const known = schemas.get(dto);
  if (known) return known;
  const schema: ObjectSchema = { kind: 'object', dto, fields: [] };
  schemas.set(dto, schema);
  const byProperty = new Map<string, ValidationMetadata[]>();
  for (const metadata of storage.getTargetValidationMetadatas(dto, '', true, false)) {
    byProperty.set(metadata.propertyName, [...(byProperty.get(metadata.propertyName) ?? []), metadata]);
  }
  for (const [name, metadatas] of byProperty) schema.fields.push(fieldOf(dto, name, metadatas));
  return schema;
}

function fieldOf(dto: Type<object>, name: string, metadatas: ValidationMetadata[]): Field {
  const optional = metadatas.some((m) => m.type === 'conditionalValidation' && m.name === 'isOptional');
  const constraints = metadatas.filter((m) => m.type === 'customValidation');
  const nested = metadatas.find((m) => m.type === 'nestedValidation');
  const own = constraints.filter((m) => !m.each);
  const each = constraints.filter((m) => m.each);
  const nestedSchema = nested ? nestedSchemaOf(dto, name) : undefined;
  const isArray = own.some((m) => m.name === 'isArray') || nested?.each === true;
  const field: Field = { name, optional, schema: { kind: 'unknown', constraints: constraints.map((m) => m.name ?? '?') } };
  const notBefore = own.find((m) => m.name === 'isNotBefore');
  const after = own.find((m) => m.name === 'isAfter');
  if (notBefore) field.notBefore = notBefore.constraints[0];
  if (after) field.after = after.constraints[0];
  if (isArray) {
    const element = nested?.each && nestedSchema ? nestedSchema : scalarOf(each);
    field.schema = {
      kind: 'array',
      minSize: constraintOf(own, 'arrayMinSize') ?? 0,
      maxSize: constraintOf(own, 'arrayMaxSize'),
      unique: own.some((m) => m.name === 'arrayUnique'),
      element,
    };
  } else if (nestedSchema) {
    field.schema = nestedSchema;
  } else {
    field.schema = scalarOf(own);
  }
  return field;
}

function constraintOf(metadatas: ValidationMetadata[], name: string): number | undefined {
  return metadatas.find((m) => m.name === name)?.constraints[0];
}

function nestedSchemaOf(dto: Type<object>, name: string): Schema {
  const type = defaultMetadataStorage.findTypeMetadata(dto, name);
  if (!type) return { kind: 'unknown', constraints: ['nested without @Type'] };
  const discriminator = type.options?.discriminator;
  if (discriminator) {
    return {
      kind: 'union',
      discriminator: discriminator.property,
      variants: Object.fromEntries(discriminator.subTypes.map((subType) => [subType.name, schemaOf(subType.value as Type<object>)])),
    };
  }
  return schemaOf(type.typeFunction() as Type<object>);
}

function scalarOf(metadatas: ValidationMetadata[]): Schema {
  const names = new Set(metadatas.map((m) => m.name));
  const get = (name: string) => metadatas.find((m) => m.name === name)?.constraints;
  if (names.has('isInt') || names.has('isNumber') || names.has('isDecimal')) {
    const decimals = (get('isDecimal')?.[0] as number | undefined) ?? (get('isNumber')?.[0] as { maxDecimalPlaces?: number } | undefined)?.maxDecimalPlaces;
    return { kind: 'number', integer: names.has('isInt'), min: get('min')?.[0], max: get('max')?.[0], decimals, excluded: metadatas.filter((m) => m.name === 'notEquals').map((m) => m.constraints[0]) };
  }
  if (names.has('isBoolean')) return { kind: 'boolean' };
  const isIn = get('isIn')?.[0] as unknown[] | undefined;
  const equals = get('equals');
  const textual = ['isString', 'isLength', 'maxLength', 'minLength', 'matches', 'isExistingDate', 'isUrl', 'isUuid'].some((name) => names.has(name));
  if (textual || isIn || equals) {
    const length = get('isLength');
    return {
      kind: 'string',
      minLength: length?.[0] ?? get('minLength')?.[0] ?? 0,
      maxLength: length?.[1] ?? get('maxLength')?.[0],
      pattern: get('matches')?.[0],
      oneOf: isIn,
      equals: equals?.[0],
      date: names.has('isExistingDate'),
      url: names.has('isUrl'),
      uuid: names.has('isUuid'),
    };
  }
  return { kind: 'unknown', constraints: [...names].map(String) };
}

/** The fields of a schema that no generator can make, as dotted paths (empty when every field is known). */
export function unknownFields(schema: Schema, path = ''): string[] {
  switch (schema.kind) {
    case 'unknown':
      return [`${path || '(body)'}: ${schema.constraints.join(', ') || 'no constraint'}`];
    case 'array':
      return unknownFields(schema.element, `${path}[]`);
    case 'object':
      return schema.fields.flatMap((field) => unknownFields(field.schema, path ? `${path}.${field.name}` : field.name));
    case 'union':
      return Object.entries(schema.variants).flatMap(([name, variant]) => unknownFields(variant, `${path}<${name}>`));
    default:
      return [];
  }
}

// ---------------------------------------------------------------------------------------------- valid bodies

/** Text that is legitimate anywhere free text is: accents, right-to-left scripts, combining marks, astral characters. */
const TEXT_PIECES = ['a', 'Z', 'é', 'ç', ' ', 'Ω', 'ش', 'ل', 'א', 'ש', '\u200F', 'e\u0301', 'n\u0303', '𝔸', '😀', '漢', '-', '’', '7'];
const PROTOTYPE_NAMES = ['constructor', 'toString', 'valueOf', 'hasOwnProperty', '__proto__', 'isPrototypeOf'];
const day = (date: Date) => date.toISOString().slice(0, 10);
const nextDay = (date: string) => day(new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000));
const previousDay = (date: string) => day(new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000));

function validOf(schema: Schema): fc.Arbitrary<unknown> {
  switch (schema.kind) {
    case 'string':
      if (schema.equals !== undefined) return fc.constant(schema.equals);
      if (schema.oneOf) return fc.constantFrom(...schema.oneOf);
      if (schema.date) return fc.date({ min: new Date('2024-01-01'), max: new Date('2031-12-31'), noInvalidDate: true }).map(day);
      if (schema.uuid) return fc.uuid({ version: 4 });
      if (schema.url) return fc.constantFrom('https://hooks.example.org/procurement', 'https://of.example.fr/webhooks/notices', 'http://127.0.0.1:9/hooks');
      if (schema.pattern) {
        const pattern = schema.pattern;
        // Names of Object.prototype's properties are references too: they must not reach a prototype when used as keys.
        return fc
          .oneof({ arbitrary: fc.stringMatching(pattern), weight: 4 }, fc.constantFrom(...PROTOTYPE_NAMES))
          .filter((text) => pattern.test(text) && isLength(text, schema.minLength, schema.maxLength));
      }
      return fc
        .array(fc.constantFrom(...TEXT_PIECES), { minLength: schema.minLength, maxLength: Math.min(schema.maxLength ?? 40, schema.minLength + 40) })
        .map((pieces) => pieces.join(''))
        .filter((text) => isLength(text, schema.minLength, schema.maxLength) && text.trim().length > 0);
    case 'number': {
      const min = schema.min ?? -1_000_000;
      const max = schema.max ?? 1_000_000;
      const scale = schema.integer ? 1 : 10 ** (schema.decimals ?? 2);
      const scaled = fc.oneof(fc.integer({ min: Math.ceil(min * scale), max: Math.floor(max * scale) }), fc.constantFrom(Math.ceil(min * scale), Math.floor(max * scale)));
      return scaled.map((n) => n / scale).filter((n) => !schema.excluded.includes(n));
    }
    case 'boolean':
      return fc.boolean();
    case 'array': {
      const maxLength = Math.min(schema.maxSize ?? schema.minSize + 3, schema.minSize + 3);
      const constraints = { minLength: schema.minSize, maxLength };
      return schema.unique ? fc.uniqueArray(validOf(schema.element), { ...constraints, selector: (item) => JSON.stringify(item) }) : fc.array(validOf(schema.element), constraints);
    }
    case 'object':
      return objectOf(schema);
    case 'union':
      return fc.oneof(...Object.entries(schema.variants).map(([name, variant]) => objectOf(variant).map((body) => ({ ...body, [schema.discriminator]: name }))));
    case 'unknown':
      throw new Error(`no generator for a field constrained by ${schema.constraints.join(', ')}`);
  }
}

function objectOf(schema: ObjectSchema): fc.Arbitrary<Record<string, unknown>> {
  const fields = Object.fromEntries(schema.fields.map((field) => [field.name, validOf(field.schema)]));
  const requiredKeys = schema.fields.filter((field) => !field.optional).map((field) => field.name);
  return fc.record(fields, { requiredKeys }).map((body) => {
    // Dates in order: a field that must not come before (or must come after) another one is moved after it.
    const ordered: Record<string, unknown> = { ...body };
    for (const field of schema.fields) {
      const other = field.notBefore ?? field.after;
      const value = ordered[field.name];
      const bound = other ? ordered[other] : undefined;
      if (typeof value !== 'string' || typeof bound !== 'string') continue;
      if (field.notBefore && value < bound) ordered[field.name] = bound;
      if (field.after && value <= bound) ordered[field.name] = nextDay(bound);
    }
    return ordered;
  });
}

/** Whether class-validator (as the api's pipe runs it) finds the body valid for this DTO. */
export function isValidFor(dto: Type<object>, body: unknown): boolean {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return false;
  return validateSync(plainToInstance(dto, body), { whitelist: true, forbidNonWhitelisted: true }).length === 0;
}

/** Valid bodies of a schema: an object DTO, or one of the variants of a discriminated body. */
export function validBodies(schema: ObjectSchema | Extract<Schema, { kind: 'union' }>): fc.Arbitrary<Record<string, unknown>> {
  if (schema.kind === 'object') return objectOf(schema).filter((body) => isValidFor(schema.dto, body));
  return (validOf(schema) as fc.Arbitrary<Record<string, unknown>>).filter((body) => isValidFor(schema.variants[body[schema.discriminator] as string].dto, body));
}

// ------------------------------------------------------------------------------------------------- mutations

/** A body made invalid on purpose, the field the api must name, and how. */
export interface Mutation {
  /** Dotted path of the field at fault ('' for the body as a whole). */
  field: string;
  what: string;
  body: unknown;
}

/** Strings that hold what no text may: NUL and other controls, unpaired surrogates; mixed with legitimate RTL and combining marks. */
const UNSAFE_PIECES = ['\u0000', '\u0007', '\u001b[31m', '\uD800', '\uDFFF', '\u0008'];
const unsafeText = fc
  .tuple(fc.array(fc.constantFrom(...TEXT_PIECES), { maxLength: 12 }), fc.constantFrom(...UNSAFE_PIECES), fc.array(fc.constantFrom(...TEXT_PIECES), { maxLength: 12 }))
  .map(([before, unsafe, after]) => `${before.join('')}${unsafe}${after.join('')}`);

const INVALID_DATES = ['2026-02-30', '2025-02-29', '2026-13-01', '2026-00-10', '2026-1-1', '20260101', '2026-01-01T00:00:00Z', '0000-00-00', '+275760-09-13', '9999-99-99', ' 2026-01-01', 'garbage', '', 'NaN'];
const OVERFLOWING = ['9007199254740993', '1e400', '-1e400', '123456789012345678901234567890', '1.7976931348623157e309'];
/** Numbers in exponent form, too small for any field: once answered 500 on decimal fields. */
const EXPONENT_FORMS = ['1e-7', '5e-324', '-2.5E-9'];
/** A scalar field given something of another type: numbers as text, objects that look like query operators, arrays. */
const NOT_A_STRING: unknown[] = [0, -1, 1.5, true, false, {}, { $gt: '' }, [], ['x'], { toString: 'x' }];
const NOT_A_NUMBER: unknown[] = ['1', '0', 'NaN', 'Infinity', '-Infinity', '1e3', '', true, {}, { $ne: 0 }, [], [1]];
const NOT_A_BOOLEAN: unknown[] = ['true', 'false', 1, 0, '', {}, [], [true]];
const NOT_AN_OBJECT: unknown[] = ['x', 0, true, [], [{}]];
const NOT_AN_ARRAY: unknown[] = ['x', 0, true, {}, { 0: 'x', length: 1 }];
/** A value nested thousands of levels deep, and a body nested as deep as the body size limit allows. */
const DEEP = new RawJson(`${'['.repeat(5000)}1${']'.repeat(5000)}`);
const DEEPEST = new RawJson(`${'{"a":'.repeat(40_000)}1${'}'.repeat(40_000)}`);

function wrongTypes(schema: Schema): unknown[] {
  switch (schema.kind) {
    case 'string':
      return NOT_A_STRING;
    case 'number':
      return NOT_A_NUMBER;
    case 'boolean':
      return NOT_A_BOOLEAN;
    case 'array':
      return NOT_AN_ARRAY;
    default:
      return NOT_AN_OBJECT;
  }
}

/** Values a field of this schema must refuse, whatever the rest of the body. */
function invalidValues(field: Field, parent: Record<string, unknown>): fc.Arbitrary<{ what: string; value: unknown }> {
  const { schema } = field;
  const options: Array<fc.Arbitrary<{ what: string; value: unknown }>> = [
    fc.constantFrom(...wrongTypes(schema), DEEP).map((value) => ({ what: 'wrong type', value })),
  ];
  // null stands for "absent" on an optional field (class-validator's IsOptional): only a required one refuses it.
  if (!field.optional) options.push(fc.constant({ what: 'null', value: null }));
  switch (schema.kind) {
    case 'string': {
      const max = schema.maxLength ?? 100_000;
      options.push(fc.constantFrom(max + 1, 100_001).map((length) => ({ what: `${length} characters`, value: 'x'.repeat(length) })));
      if (schema.minLength > 0) options.push(fc.constant({ what: 'too short', value: 'x'.repeat(schema.minLength - 1) }));
      options.push(unsafeText.map((value) => ({ what: 'unsafe characters', value })));
      if (schema.uuid) options.push(fc.constantFrom('not-a-uuid', '00000000-0000-0000-0000-00000000000g').map((value) => ({ what: 'not a UUID', value })));
      if (schema.date) options.push(fc.constantFrom(...INVALID_DATES).map((value) => ({ what: 'not a calendar date', value })));
      const other = field.notBefore ?? field.after;
      const bound = other ? parent[other] : undefined;
      if (typeof bound === 'string') {
        options.push(fc.constant({ what: `out of order with ${other}`, value: field.notBefore ? previousDay(bound) : bound }));
      }
      if (schema.oneOf) options.push(fc.constantFrom(...schema.oneOf.map((value) => String(value).toLowerCase() + ' ')).map((value) => ({ what: 'not one of the values', value })));
      break;
    }
    case 'number': {
      options.push(fc.constantFrom(...OVERFLOWING).map((text) => ({ what: `overflowing ${text}`, value: new RawJson(text) })));
      options.push(fc.constantFrom(...EXPONENT_FORMS).map((text) => ({ what: `exponent form ${text}`, value: new RawJson(text) })));
      if (schema.max !== undefined) options.push(fc.constant({ what: 'above the maximum', value: schema.max + 1 }));
      if (schema.min !== undefined) options.push(fc.constant({ what: 'below the minimum', value: schema.min - 1 }));
      if (schema.min !== undefined && schema.min >= 0) options.push(fc.integer({ min: -1_000_000, max: -1 }).map((value) => ({ what: 'negative', value })));
      const inRange = Math.max(schema.min ?? 0, Math.min(schema.max ?? 1, 1));
      if (schema.integer) options.push(fc.constant({ what: 'fractional', value: inRange + 0.5 }));
      else if (schema.decimals !== undefined) options.push(fc.constant({ what: 'too many decimals', value: inRange - 10 ** -(schema.decimals + 1) }));
      break;
    }
    case 'array': {
      const example = parent[field.name];
      const first = Array.isArray(example) && example.length > 0 ? example[0] : 'x';
      // An array without a bound (and whose items need not differ) must still refuse ten thousand items.
      const tooMany = schema.maxSize === undefined ? 10_000 : schema.maxSize + 1;
      options.push(fc.constant({ what: `${tooMany} items`, value: Array.from({ length: tooMany }, () => first) }));
      if (schema.minSize > 0) options.push(fc.constant({ what: 'too few items', value: [] }));
      break;
    }
    default:
      break;
  }
  return fc.oneof(...options);
}

/** Keys no DTO declares, among them the ones that reach prototypes or look like privileges. */
const EXTRA_KEYS = fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', 'tenant', 'isAdmin', '$where', 'id'), fc.string({ minLength: 1, maxLength: 12 }));

/** A place in a concrete body where a mutation applies. */
type Site =
  | { kind: 'field'; path: string[]; field: Field; parent: Record<string, unknown> }
  | { kind: 'object'; path: string[]; schema: ObjectSchema }
  | { kind: 'item'; path: string[]; schema: Schema };

function sitesOf(body: Record<string, unknown>, schema: ObjectSchema, path: string[] = []): Site[] {
  const sites: Site[] = [{ kind: 'object', path, schema }];
  for (const field of schema.fields) {
    const fieldPath = [...path, field.name];
    sites.push({ kind: 'field', path: fieldPath, field, parent: body });
    const value = body[field.name];
    sites.push(...nestedSitesOf(value, field.schema, fieldPath));
  }
  return sites;
}

function nestedSitesOf(value: unknown, schema: Schema, path: string[]): Site[] {
  if (schema.kind === 'object' && isRecord(value)) return sitesOf(value, schema, path);
  if (schema.kind === 'union' && isRecord(value)) {
    const variant = schema.variants[value[schema.discriminator] as string];
    return variant ? sitesOf(value, variant, path) : [];
  }
  if (schema.kind === 'array' && Array.isArray(value)) {
    return value.flatMap((item, index) => [{ kind: 'item' as const, path: [...path, String(index)], schema: schema.element }, ...nestedSitesOf(item, schema.element, [...path, String(index)])]);
  }
  return [];
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A copy of the body with `change` applied to the object at `path`. */
function edit(body: unknown, path: string[], change: (container: Record<string, unknown> | unknown[], key: string) => void): unknown {
  const copy = structuredClone(body);
  let container = copy as Record<string, unknown>;
  for (const key of path.slice(0, -1)) container = container[key] as Record<string, unknown>;
  change(container, path[path.length - 1]);
  return copy;
}

const setAt = (body: unknown, path: string[], value: unknown) =>
  edit(body, path, (container, key) => {
    (container as Record<string, unknown>)[key] = value;
  });

function mutationsAt(body: Record<string, unknown>, site: Site): fc.Arbitrary<Mutation> {
  const field = site.path.join('.');
  switch (site.kind) {
    case 'object':
      return fc.tuple(EXTRA_KEYS.filter((key) => !site.schema.fields.some((known) => known.name === key)), fc.constantFrom<unknown>('x', 1, true, { admin: true }, null)).map(([key, value]) => ({
        field: [...site.path, key].join('.'),
        what: `unknown field ${JSON.stringify(key)}`,
        body: edit(body, [...site.path, key], (container, name) => Object.defineProperty(container, name, { value, enumerable: true, writable: true, configurable: true })),
      }));
    case 'item':
      return fc.constantFrom(...wrongTypes(site.schema), null).map((value) => ({ field, what: 'item of the wrong type', body: setAt(body, site.path, value) }));
    case 'field': {
      const options = [invalidValues(site.field, site.parent).map(({ what, value }) => ({ field, what, body: setAt(body, site.path, value) }))];
      if (!site.field.optional) {
        options.push(fc.constant({ field, what: 'missing', body: edit(body, site.path, (container, key) => delete (container as Record<string, unknown>)[key]) }));
      }
      return fc.oneof(...options);
    }
  }
}

/** The body as a whole replaced by something that is not an object of the DTO. */
export const wholeBodyMutations: fc.Arbitrary<Mutation> = fc
  .constantFrom<unknown>(new RawJson('null'), new RawJson('"text"'), new RawJson('42'), new RawJson('true'), [], [{}], new RawJson('{"a":NaN}'), new RawJson('{"a":1,}'), DEEP, DEEPEST)
  .map((body) => ({ field: '', what: 'not an object', body }));

/** Valid bodies mutated at one place (a field, an item, an object getting an unknown field), or replaced whole. */
export function invalidBodies(schema: ObjectSchema | Extract<Schema, { kind: 'union' }>): fc.Arbitrary<Mutation> {
  const rootOf = (body: Record<string, unknown>): ObjectSchema => (schema.kind === 'object' ? schema : schema.variants[body[schema.discriminator] as string]);
  const mutated = validBodies(schema).chain((body) => fc.constantFrom(...sitesOf(body, rootOf(body))).chain((site) => mutationsAt(body, site)));
  return fc.oneof({ arbitrary: mutated, weight: 9 }, { arbitrary: wholeBodyMutations, weight: 1 });
}

/** Bodies a command without a body must refuse: any field at all, or something that is not an object. */
export const bodiesForBodiless: fc.Arbitrary<Mutation> = fc.oneof(
  fc.tuple(EXTRA_KEYS, fc.constantFrom<unknown>('x', 1, true, {}, [], null)).map(([key, value]) => ({
    field: key,
    what: `unknown field ${JSON.stringify(key)}`,
    body: Object.defineProperty({}, key, { value, enumerable: true, writable: true, configurable: true }),
  })),
  wholeBodyMutations,
);
