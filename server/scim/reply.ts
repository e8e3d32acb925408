/** What a SCIM handler answers; the router serialises it (and the log records it). */
export interface Reply {
  status: number;
  /** a JSON value … */
  body?: unknown;
  /** … or pre-serialised JSON: text, or UTF-8 bytes (group member lists are built as bytes by SQLite) */
  json?: string | Buffer;
  headers?: Record<string, string>;
}

export const ok = (body: unknown, headers?: Record<string, string>): Reply => ({
  status: 200,
  body,
  ...(headers ? { headers } : {}),
});
export const created = (body: unknown, location: string, etag: string): Reply => ({
  status: 201,
  body,
  headers: { Location: location, ETag: etag },
});
export const noContent = (): Reply => ({ status: 204 });
