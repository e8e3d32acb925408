/**
 * The one place where an untrusted admin call meets the service: look up the method, validate
 * the payload with the contract's zod schema, call, and fold the outcome into an envelope.
 * Shared by the Electron IPC binding (electron/ipc.ts) and the headless HTTP binding
 * (./http.ts), so both accept and reject exactly the same inputs. Electron's security
 * checklist (item 17) asks that every IPC payload be validated; the HTTP body is no more trusted.
 */
import { z } from 'zod';
import { ScimError } from '../domain/errors';
import { StoreUnavailableError } from '../store/types';
import { AdminError } from './admin-error';
import { ADMIN_INPUT, type AdminErrorBody } from './contract';
import { ADMIN_METHOD_NAMES, type AdminApi, type AdminHandlers, type AdminMethod } from './methods';

export type { AdminData } from './methods';

/** What every admin call resolves to on the wire (IPC reply or HTTP body). */
export type AdminResult<T = unknown> = { ok: true; data: T } | { ok: false; error: AdminErrorBody };

const METHOD_SET: ReadonlySet<string> = new Set(ADMIN_METHOD_NAMES);

/** True only for the contract's own method names (never `constructor`, `__proto__`, …). */
export function isAdminMethod(name: unknown): name is AdminMethod {
  return typeof name === 'string' && METHOD_SET.has(name);
}

/** Methods without an input schema take nothing: accept undefined, null or `{}` only. */
function isEmptyArg(payload: unknown): boolean {
  if (payload === undefined || payload === null) return true;
  return (
    typeof payload === 'object' &&
    !Array.isArray(payload) &&
    Object.getPrototypeOf(payload) === Object.prototype &&
    Object.keys(payload).length === 0
  );
}

/**
 * Validates `payload` for `method`. Returns the parsed value (with the schema's defaults
 * applied) or an invalid-input error; never calls the service.
 */
export function validateAdminInput(
  method: AdminMethod,
  payload: unknown,
): { ok: true; value: unknown } | { ok: false; error: AdminErrorBody } {
  const schema: z.ZodType | undefined = ADMIN_INPUT[method];
  if (!schema) {
    return isEmptyArg(payload)
      ? { ok: true, value: undefined }
      : { ok: false, error: { code: 'invalid-input', message: `${method} takes no argument` } };
  }
  const parsed = schema.safeParse(payload);
  if (parsed.success) return { ok: true, value: parsed.data };
  const message = z.prettifyError(parsed.error).slice(0, 1000);
  return { ok: false, error: { code: 'invalid-input', message: `${method}: ${message}` } };
}

/** Maps anything thrown by the service to the body the console shows. */
export function toAdminErrorBody(err: unknown): AdminErrorBody {
  if (err instanceof AdminError) return { code: err.code, message: err.message };
  if (err instanceof StoreUnavailableError) return { code: 'unavailable', message: err.message };
  if (err instanceof ScimError) {
    // The service reuses the SCIM layer's checks (filters, uniqueness); keep their meaning.
    const code: AdminErrorBody['code'] =
      err.status === 400
        ? 'invalid-input'
        : err.status === 404
          ? 'not-found'
          : err.status === 409 || err.status === 412
            ? 'conflict'
            : err.status === 503
              ? 'unavailable'
              : 'internal';
    return { code, message: err.message };
  }
  // Unknown failures: the details go to the main-process log, not to the page.
  console.error('admin call failed:', err);
  return { code: 'internal', message: 'internal error (see the ScimDesk log)' };
}

/** HTTP status for an error code (headless binding). */
export function statusForAdminError(code: AdminErrorBody['code']): number {
  switch (code) {
    case 'invalid-input':
      return 400;
    case 'not-found':
      return 404;
    case 'conflict':
      return 409;
    case 'unavailable':
      return 503;
    default:
      return 500;
  }
}

/**
 * Calls `method` on `api` with an untrusted payload. Never throws: every failure becomes
 * `{ ok: false, error }`. An unknown method name is invalid input, not a property lookup.
 */
export async function invokeAdmin(
  handlers: AdminHandlers,
  method: unknown,
  payload: unknown,
): Promise<AdminResult> {
  if (!isAdminMethod(method)) {
    return { ok: false, error: { code: 'invalid-input', message: 'unknown admin method' } };
  }
  const input = validateAdminInput(method, payload);
  if (!input.ok) return input;
  try {
    // The one place a handler is looked up by a name from outside: the name is a table key,
    // and the value passed is exactly what that method's validator produced.
    const fn = handlers[method] as (arg?: unknown) => Promise<unknown>;
    const data = await fn.call(handlers, input.value);
    // A handler that resolves to undefined would vanish in JSON and structured clone: send null.
    return { ok: true, data: data === undefined ? null : data };
  } catch (err) {
    return { ok: false, error: toAdminErrorBody(err) };
  }
}

/**
 * The contract as an in-process caller sees it: every call goes through `invokeAdmin`, so it
 * is validated exactly as over IPC or HTTP, and a failure is thrown as an AdminError with the
 * same code and message the console would get. Used by tests and tools that drive the service
 * without a transport.
 */
export function localAdminClient(handlers: AdminHandlers): AdminApi {
  const client: Record<string, (arg?: unknown) => Promise<unknown>> = {};
  for (const method of ADMIN_METHOD_NAMES) {
    client[method] = async (arg?: unknown) => {
      const result = await invokeAdmin(handlers, method, arg);
      if (!result.ok) throw new AdminError(result.error.code, result.error.message);
      return result.data;
    };
  }
  return client as unknown as AdminApi;
}
