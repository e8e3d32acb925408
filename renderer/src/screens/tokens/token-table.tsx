/**
 * "OAUTH Token for SCIM Client (One Token for one instance recommended)": CLIENT NAME | TOKEN |
 * TIME GENERATED | LAST USED TIME | trash (docs/netskope.md §3.2). Last used time moves with
 * every authenticated SCIM request, including Okta's Test API Credentials call.
 */
import type { TokenInfo } from '../../../../server/admin/contract';
import { Icon } from '../../components/icons';
import { formatTime } from '../../lib/format-time';

/** The tokens table. */
export function TokenTable({ tokens, onRevoke }: { tokens: TokenInfo[]; onRevoke(t: TokenInfo): void }) {
  return (
    <table className="plain" aria-label="SCIM tokens">
      <thead>
        <tr>
          <th scope="col">Client name</th>
          <th scope="col">Token</th>
          <th scope="col">Time generated</th>
          <th scope="col">Last used time</th>
          <th scope="col">
            <span className="visually-hidden">Revoke</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {tokens.map((t) => (
          <tr key={t.scimId} data-token={t.clientName}>
            <td>{t.clientName}</td>
            <td>
              <code title="Only the first characters are kept for recognition">{t.tokenPrefix}…</code>
            </td>
            <td className="mono">{formatTime(t.creationTime)}</td>
            <td className="mono" data-testid="last-used">
              {t.lastUsedTime ? formatTime(t.lastUsedTime) : <span className="muted">never</span>}
            </td>
            <td className="actions-cell">
              <button
                type="button"
                className="icon-button danger"
                aria-label={`Revoke token ${t.clientName}`}
                title="Revoke"
                onClick={() => onRevoke(t)}
              >
                <Icon name="trash" />
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
