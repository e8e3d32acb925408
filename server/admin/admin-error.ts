/**
 * Errors the admin service throws on purpose. Both bindings (IPC and HTTP) turn any thrown
 * value into an AdminErrorBody through ./invoke.ts, so the console sees one stable `code`
 * whichever transport it was given.
 */
import type { AdminErrorBody } from './contract';

export class AdminError extends Error {
  readonly code: AdminErrorBody['code'];

  constructor(code: AdminErrorBody['code'], message: string) {
    super(message);
    this.name = 'AdminError';
    this.code = code;
  }
}

/** Shorthand for the common case of an id that matches nothing. */
export const adminNotFound = (what: string): AdminError => new AdminError('not-found', `${what} not found`);
