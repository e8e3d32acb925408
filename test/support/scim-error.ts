/**
 * The one shape every error from the SCIM listener must have (RFC 7644 §3.12): the Error URN in
 * `schemas`, `status` as a string equal to the HTTP status, a non-empty `detail` (Okta's SPEC
 * test reads it, docs/okta.md §3.1), and a JSON content type. Shared by the reliability,
 * security, fuzz and SCIM behaviour tests.
 */
import { expect } from 'vitest';
import { ERROR_URN } from '../../server/domain/errors';

export type ScimErrorBody = {
  schemas: string[];
  status: string;
  scimType?: string;
  detail: string;
} & Record<string, unknown>;

/** Checks a parsed body and content type; returns a message, or null when it is a SCIM error. */
export function scimErrorProblem(status: number, contentType: string | null, text: string): string | null {
  if (!/^application\/(scim\+)?json\b/.test(contentType ?? '')) return `content type ${contentType}`;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return `not JSON: ${text.slice(0, 200)}`;
  }
  const b = body as Partial<ScimErrorBody> | null;
  if (!b || !Array.isArray(b.schemas) || !b.schemas.includes(ERROR_URN))
    return `no Error URN: ${text.slice(0, 200)}`;
  if (b.status !== String(status)) return `status field ${JSON.stringify(b.status)} for HTTP ${status}`;
  if (typeof b.detail !== 'string' || !b.detail) return `empty detail: ${text.slice(0, 200)}`;
  return null;
}

/** Asserts `res` is a SCIM error with this status (and scimType, if given); returns the body. */
export async function expectScimError(
  res: Response,
  status: number,
  scimType?: string,
): Promise<ScimErrorBody> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  expect(scimErrorProblem(res.status, res.headers.get('content-type'), text), text).toBeNull();
  const body = JSON.parse(text) as ScimErrorBody;
  expect(body.schemas, text).toEqual([ERROR_URN]);
  if (scimType !== undefined) expect(body.scimType, text).toBe(scimType);
  return body;
}
