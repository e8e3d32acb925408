/**
 * Builds the console's client without a list of method names of its own: every property read
 * that is not one of the transport's own members becomes a call of the admin method of that
 * name. The names and their types come from the one method table (server/admin/methods.ts,
 * imported as types only, as the renderer's lint zone requires); a method added there is
 * callable here with nothing else to edit, and a name the server does not know is refused by
 * the binding as an unknown method.
 */
import type { AdminApi } from '../../../server/admin/contract';

/** Sends one call; resolves to the method's data or throws an AdminError. */
export type CallMethod = (method: string, arg: unknown) => Promise<unknown>;

/**
 * Names that are never admin methods. `then` matters most: a client that answered it would
 * look like a Promise to `await` and to React; the rest are what inspection and JSON probe.
 */
const NOT_METHODS: ReadonlySet<string> = new Set([
  'then',
  'catch',
  'finally',
  'toJSON',
  'constructor',
  'toString',
  'valueOf',
  'inspect',
  'asymmetricMatch',
  '$$typeof',
  'nodeType',
]);

/** The transport's own members plus every admin method, resolved by name on first use. */
export function withAdminMethods<Own extends object>(own: Own, call: CallMethod): Own & AdminApi {
  const methods = new Map<string, (arg?: unknown) => Promise<unknown>>();
  return new Proxy(own, {
    get(target, prop, receiver) {
      if (typeof prop !== 'string' || prop in target || NOT_METHODS.has(prop)) {
        return Reflect.get(target, prop, receiver) as unknown;
      }
      let fn = methods.get(prop);
      if (!fn) {
        fn = (arg?: unknown) => call(prop, arg);
        methods.set(prop, fn);
      }
      return fn;
    },
  }) as Own & AdminApi;
}
