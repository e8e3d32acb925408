import { AdminError, toAdminError } from './admin-error';

/**
 * Both bindings may wrap results as `{ ok: true, data }` / `{ ok: false, error }` (the IPC
 * handlers do, so that an error crosses the context bridge as data rather than as a thrown
 * Error whose fields Electron strips). No AdminApi result has an `ok` field, so the check is safe.
 */
export function unwrap<T>(value: unknown): T {
  if (value && typeof value === 'object' && 'ok' in value && typeof value.ok === 'boolean') {
    const v = value as { ok: boolean; data?: unknown; error?: unknown };
    if (v.ok) return v.data as T;
    throw toAdminError(v.error, 'The admin call failed.');
  }
  return value as T;
}

/** Normalises anything a transport threw into an AdminError. */
export function rethrow(err: unknown): never {
  if (err instanceof AdminError) throw err;
  throw toAdminError(err, 'The admin call failed.');
}
