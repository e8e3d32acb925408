/**
 * The names of the admin functions, kept as a type-checked table so that the renderer needs
 * only a type import of the contract (server/admin/contract.ts pulls in zod, which the console
 * does not need at run time). `satisfies` makes the compiler reject a missing or extra name.
 */
import type { AdminMethod } from '../../../server/admin/contract';

const TABLE = {
  info: true,
  listTokens: true,
  createToken: true,
  revokeToken: true,
  listUsers: true,
  getUser: true,
  listGroups: true,
  getGroup: true,
  listGroupMembers: true,
  queryLog: true,
  getLogEntry: true,
  clearLog: true,
  exportLog: true,
  getSettings: true,
  updateSettings: true,
  checklist: true,
  getCustomSchema: true,
  setCustomSchema: true,
} as const satisfies Record<AdminMethod, true>;

/** Every AdminApi method name. */
export const METHOD_NAMES = Object.keys(TABLE) as AdminMethod[];
