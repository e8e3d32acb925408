import type { AdminErrorBody } from '../../../server/admin/contract';

type Code = AdminErrorBody['code'] | 'unauthorized' | 'network';

/** An admin call that failed: `code` is stable (contract's AdminErrorBody codes plus transport ones). */
export class AdminError extends Error {
  readonly code: Code;
  constructor(code: Code, message: string) {
    super(message);
    this.name = 'AdminError';
    this.code = code;
  }
}

/** Turns whatever a transport got back as an error into an AdminError. */
export function toAdminError(body: unknown, fallback: string): AdminError {
  if (body && typeof body === 'object') {
    const b = body as { code?: unknown; message?: unknown; error?: unknown };
    if (b.error && typeof b.error === 'object') return toAdminError(b.error, fallback);
    if (typeof b.message === 'string') {
      const code = typeof b.code === 'string' ? (b.code as Code) : 'internal';
      return new AdminError(code, b.message);
    }
  }
  if (body instanceof Error) return new AdminError('internal', body.message);
  return new AdminError('internal', fallback);
}

/** A one-line, human message for any thrown value. */
export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}
