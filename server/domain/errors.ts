/**
 * SCIM error type (RFC 7644 §3.12). Every error the SCIM listener answers is one of these,
 * rendered by the active profile (Netskope adds `description`, see docs/netskope.md §10).
 */
export type ScimType =
  | 'invalidFilter'
  | 'tooMany'
  | 'uniqueness'
  | 'mutability'
  | 'invalidSyntax'
  | 'invalidPath'
  | 'noTarget'
  | 'invalidValue'
  | 'invalidVers'
  | 'sensitive';

export const ERROR_URN = 'urn:ietf:params:scim:api:messages:2.0:Error';

export class ScimError extends Error {
  readonly status: number;
  readonly scimType: ScimType | undefined;
  /** Extra response headers, e.g. Retry-After on 429, WWW-Authenticate on 401. */
  readonly headers: Record<string, string>;

  constructor(status: number, detail: string, scimType?: ScimType, headers: Record<string, string> = {}) {
    super(detail);
    this.name = 'ScimError';
    this.status = status;
    this.scimType = scimType;
    this.headers = headers;
  }

  get detail(): string {
    return this.message;
  }
}

export const badRequest = (detail: string, scimType?: ScimType): ScimError =>
  new ScimError(400, detail, scimType);
export const invalidFilter = (detail: string): ScimError => new ScimError(400, detail, 'invalidFilter');
export const invalidValue = (detail: string): ScimError => new ScimError(400, detail, 'invalidValue');
export const invalidSyntax = (detail: string): ScimError => new ScimError(400, detail, 'invalidSyntax');
export const invalidPath = (detail: string): ScimError => new ScimError(400, detail, 'invalidPath');
export const noTarget = (detail: string): ScimError => new ScimError(400, detail, 'noTarget');
export const mutability = (detail: string): ScimError => new ScimError(400, detail, 'mutability');
export const notFound = (detail: string): ScimError => new ScimError(404, detail);
export const conflict = (detail: string): ScimError => new ScimError(409, detail, 'uniqueness');
export const preconditionFailed = (detail: string): ScimError => new ScimError(412, detail);
