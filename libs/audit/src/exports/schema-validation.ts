import Ajv, { AnySchema, ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
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

export type ExportFormat = 'decp' | 'ocds';

/**
 * The OCDS files are draft-04 (`id`, `$schema` draft-04), which Ajv 8 does not read; the keywords they use mean
 * the same in the draft Ajv reads, so they are handed over with `$id` instead of `id` and no `$schema`.
 */
function asCurrentDraft(schema: Record<string, unknown>): AnySchema {
  const { id, $schema: _draft, ...rest } = schema;
  return { $id: id, ...rest } as AnySchema;
}

function compile(): Record<ExportFormat, ValidateFunction> {
  // strict: false — the official schemas carry annotations (codelist, deprecated, omitWhenMerged…) Ajv does not know.
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema(asCurrentDraft(releaseSchema));
  return {
    ocds: ajv.compile(asCurrentDraft(releasePackageSchema)),
    decp: ajv.compile(decpSchema as AnySchema),
  };
}

let validators: Record<ExportFormat, ValidateFunction> | undefined;

/** The schema's complaints about a document, one line each (empty when it validates). */
export function schemaProblems(format: ExportFormat, document: unknown): string[] {
  validators ??= compile();
  const validate = validators[format];
  if (validate(document)) return [];
  return (validate.errors ?? []).map((error: ErrorObject) => `${error.instancePath || '/'} ${error.message ?? error.keyword}`);
}

/** Throws when the document does not validate: an export never leaves in a shape its readers would refuse. */
export function assertValid<T>(format: ExportFormat, document: T): T {
  const problems = schemaProblems(format, document);
  if (problems.length > 0) throw new ExportSchemaViolation(format, problems);
  return document;
}
