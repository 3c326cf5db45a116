import { createGraphQLError } from 'graphql-yoga';

/** The JSON content types a GraphQL POST may use; anything else is refused (415). */
const JSON_TYPES = ['application/json', 'application/graphql-response+json'];

export interface GraphQLParams {
  query?: string;
  operationName?: string;
  variables?: Record<string, unknown>;
  extensions?: Record<string, unknown>;
}

function httpError(status: number, message: string): Error {
  return createGraphQLError(message, { extensions: { http: { status }, code: status === 413 ? 'PAYLOAD_TOO_LARGE' : 'BAD_REQUEST' } });
}

/**
 * Reads a POST body as JSON with a byte limit, whether or not the client sent Content-Length
 * (a chunked body is counted as it streams and abandoned at the limit). Refuses with 413 for a body
 * over the limit, 415 for a non-JSON content type (this also closes the multipart and form
 * encodings a cross-site form could use) and 400 for malformed JSON.
 */
export async function readJsonBody(request: Request, maxBytes: number): Promise<GraphQLParams | GraphQLParams[]> {
  const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (!JSON_TYPES.includes(type)) {
    throw httpError(415, `POST requests must have Content-Type: application/json (got ${type || 'none'})`);
  }
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) throw httpError(413, `the request body is larger than ${maxBytes} bytes`);
  let text: string;
  if (Number.isFinite(declared)) {
    // With a declared length (checked above) the runtime reads exactly that many bytes: the fast path.
    text = await request.text();
  } else {
    text = await readLimited(request, maxBytes);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw httpError(400, `the request body is not valid JSON: ${(error as Error).message}`);
  }
  if (Array.isArray(parsed) ? !parsed.every(isParamsObject) : !isParamsObject(parsed)) {
    throw httpError(400, 'the request body must be a JSON object with a "query"');
  }
  return parsed as GraphQLParams | GraphQLParams[];
}

function isParamsObject(p: unknown): p is GraphQLParams {
  return p !== null && typeof p === 'object' && !Array.isArray(p);
}

/** A chunked body, counted as it streams and abandoned (413) at the limit. */
async function readLimited(request: Request, maxBytes: number): Promise<string> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel().catch(() => undefined);
        throw httpError(413, `the request body is larger than ${maxBytes} bytes`);
      }
      chunks.push(value);
    }
  }
  return Buffer.concat(chunks).toString('utf8');
}
