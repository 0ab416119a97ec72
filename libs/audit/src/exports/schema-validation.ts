import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { AnySchema, ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { validateXML } from 'xmllint-wasm';
import decpSchema from './schemas/decp-2.0.3-schema.json';
import releasePackageSchema from './schemas/ocds-1.1.5-release-package-schema.json';
import releaseSchema from './schemas/ocds-1.1.5-release-schema.json';

/** An export that does not validate against its official schema: a mapping bug, never the caller's fault. */
export class ExportSchemaViolation extends Error {
  constructor(
    readonly format: ExportFormat,
    readonly problems: string[],
  ) {
    super(`The ${format} export does not validate against its schema: ${problems.slice(0, 5).join('; ')}`);
    this.name = 'ExportSchemaViolation';
  }
}

type JsonExportFormat = 'decp' | 'ocds';
export type ExportFormat = JsonExportFormat | 'lheo';

/**
 * The OCDS files are draft-04 (`id`, `$schema` draft-04), which Ajv 8 does not read; the keywords they use mean
 * the same in the draft Ajv reads, so they are handed over with `$id` instead of `id` and no `$schema`.
 */
function asCurrentDraft(schema: Record<string, unknown>): AnySchema {
  const { id, $schema: _draft, ...rest } = schema;
  return { $id: id, ...rest } as AnySchema;
}

function compile(): Record<JsonExportFormat, ValidateFunction> {
  // strict: false — the official schemas carry annotations (codelist, deprecated, omitWhenMerged…) Ajv does not know.
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema(asCurrentDraft(releaseSchema));
  return {
    ocds: ajv.compile(asCurrentDraft(releasePackageSchema)),
    decp: ajv.compile(decpSchema as AnySchema),
  };
}

let validators: Record<JsonExportFormat, ValidateFunction> | undefined;

/** The schema's complaints about a document, one line each (empty when it validates). */
export function schemaProblems(format: JsonExportFormat, document: unknown): string[] {
  validators ??= compile();
  const validate = validators[format];
  if (validate(document)) return [];
  return (validate.errors ?? []).map((error: ErrorObject) => `${error.instancePath || '/'} ${error.message ?? error.keyword}`);
}

/** Throws when the document does not validate: an export never leaves in a shape its readers would refuse. */
export function assertValid<T>(format: JsonExportFormat, document: T): T {
  const problems = schemaProblems(format, document);
  if (problems.length > 0) throw new ExportSchemaViolation(format, problems);
  return document;
}

const LHEO_XSD = 'lheo-2.3-schema.xsd';

/**
 * The LHEO 2.3 XSD as vendored (schemas/README.md): beside this file when run from the sources, under the api's
 * bundle when built (nest-cli.json copies it to exports/schemas there).
 */
function lheoSchema(): string {
  const file = [join(__dirname, 'schemas', LHEO_XSD), join(__dirname, 'exports', 'schemas', LHEO_XSD)].find((path) => existsSync(path));
  if (file === undefined) throw new Error(`The LHEO schema (${LHEO_XSD}) is not under ${__dirname}`);
  return readFileSync(file, 'utf8');
}

let lheoXsd: string | undefined;

/** libxml2's complaints about an LHEO document against the official XSD, one line each (empty when it validates). */
export async function lheoSchemaProblems(xml: string): Promise<string[]> {
  lheoXsd ??= lheoSchema();
  const result = await validateXML({ xml: [{ fileName: 'offre.xml', contents: xml }], schema: [{ fileName: LHEO_XSD, contents: lheoXsd }] });
  return result.valid ? [] : result.errors.map((error) => error.rawMessage.trim());
}

/** Resolves to the document when it validates, else throws: an offer never leaves in a shape a Carif-Oref base refuses. */
export async function assertValidLheo(xml: string): Promise<string> {
  const problems = await lheoSchemaProblems(xml);
  if (problems.length > 0) throw new ExportSchemaViolation('lheo', problems);
  return xml;
}
