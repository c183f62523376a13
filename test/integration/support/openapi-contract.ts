import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

/** An OpenAPI 3.1 document, as far as these checks read it. */
export interface OpenApiDocument {
  readonly openapi: string;
  readonly paths: Readonly<
    Record<string, Readonly<Record<string, { responses?: Record<string, ResponseObject> }>>>
  >;
  readonly components?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

interface ResponseObject {
  readonly content?: Readonly<Record<string, { schema?: unknown }>>;
}

/** A JSON pointer's segment: `~` and `/` escaped (RFC 6901). */
export const pointerSegment = (segment: string) =>
  segment.replaceAll('~', '~0').replaceAll('/', '~1');

const documentId = 'https://callsanta.local/openapi.json';

/**
 * Validates real answers against an OpenAPI 3.1 document with JSON Schema 2020-12 (ajv), each
 * body against the schema the document gives that route and status; `$ref`s resolve inside
 * the document.
 */
export class OpenApiContract {
  private readonly ajv = new Ajv2020({ strict: false, allErrors: true });
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(readonly document: OpenApiDocument) {
    addFormats.default(this.ajv);
    this.ajv.addSchema(document as object, documentId);
  }

  /** The documented statuses of `method path` (path in the table's syntax, `/api/calls/{callId}`). */
  statuses(method: string, path: string): string[] {
    return Object.keys(this.document.paths[path]?.[method.toLowerCase()]?.responses ?? {});
  }

  /** Compiles the schema at a JSON pointer into the document (`/paths/…/schema`). */
  schemaAt(pointer: string): ValidateFunction {
    let validate = this.compiled.get(pointer);
    if (!validate) {
      validate = this.ajv.getSchema(`${documentId}#${pointer}`);
      if (!validate) throw new Error(`No schema at ${pointer}.`);
      this.compiled.set(pointer, validate);
    }
    return validate;
  }

  /** What the documented request body of `method path` refuses in `body`, as messages. */
  requestProblems(method: string, path: string, body: unknown): string[] {
    const pointer = [
      '/paths',
      pointerSegment(path),
      method.toLowerCase(),
      'requestBody',
      'content',
      pointerSegment('application/json'),
      'schema',
    ].join('/');
    const validate = this.schemaAt(pointer);
    if (validate(body)) return [];
    return (validate.errors ?? []).map(
      (error) =>
        `${method} ${path} request: ${error.instancePath || '(body)'} ${error.message ?? ''}`,
    );
  }

  /**
   * What is wrong with an answer, as messages (none: it is as documented): a status the route
   * does not document, a body where none is documented or none where one is, a body its
   * schema refuses.
   */
  problems(method: string, path: string, status: number, body: unknown): string[] {
    const where = `${method} ${path} → ${status}`;
    const operation = this.document.paths[path]?.[method.toLowerCase()];
    if (!operation) return [`${method} ${path} is not in the document.`];
    const response = operation.responses?.[String(status)];
    if (!response) {
      return [
        `${where} is not documented (documented: ${this.statuses(method, path).join(', ')}).`,
      ];
    }
    const media = response.content?.['application/json'];
    if (!media?.schema) return body === undefined ? [] : [`${where} documents no body, got one.`];
    if (body === undefined) return [`${where} documents a body, got none.`];
    const pointer = [
      '/paths',
      pointerSegment(path),
      method.toLowerCase(),
      'responses',
      String(status),
      'content',
      pointerSegment('application/json'),
      'schema',
    ].join('/');
    const validate = this.schemaAt(pointer);
    if (validate(body)) return [];
    return (validate.errors ?? []).map(
      (error) => `${where}: ${error.instancePath || '(body)'} ${error.message ?? ''}`,
    );
  }
}
