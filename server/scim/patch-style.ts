/**
 * Describes how a PATCH was phrased, for the request log: path-less (Okta's
 * `{"op":"replace","value":{…}}`), path-scoped (Netskope's own clients), or mixed; and whether
 * op names were capitalised (Microsoft Entra's dialect, docs/okta.md Q20). The log shows it so
 * admins can tell IdP dialects apart (docs/netskope.md "Emulator requirements").
 */
export function describePatchStyle(body: unknown): string | null {
  const ops = (body as { Operations?: unknown } | null)?.Operations;
  if (!Array.isArray(ops) || !ops.length) return null;
  let withPath = 0;
  let capitalised = false;
  for (const op of ops) {
    const o = (op ?? {}) as Record<string, unknown>;
    if (typeof o['path'] === 'string' && o['path'] !== '') withPath++;
    if (typeof o['op'] === 'string' && o['op'] !== o['op'].toLowerCase()) capitalised = true;
  }
  const style = withPath === 0 ? 'path-less' : withPath === ops.length ? 'path-scoped' : 'mixed';
  return capitalised ? `${style}, capitalised ops` : style;
}
