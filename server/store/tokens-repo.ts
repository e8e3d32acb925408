/**
 * Token rows, after Netskope's legacy model {scim_id, client_name, token, creation_time,
 * last_used_time} (docs/netskope.md §3.2) — except that only a SHA-256 of the token is kept.
 */
import type { Reader, Tx } from './types';

export interface StoredToken {
  scimId: number;
  clientName: string;
  tokenHash: string;
  tokenPrefix: string;
  creationTime: string;
  lastUsedTime: string | null;
}

interface Row {
  scim_id: number;
  client_name: string;
  token_hash: string;
  token_prefix: string;
  creation_time: string;
  last_used_time: string | null;
}

const toStored = (r: Row): StoredToken => ({
  scimId: r.scim_id,
  clientName: r.client_name,
  tokenHash: r.token_hash,
  tokenPrefix: r.token_prefix,
  creationTime: r.creation_time,
  lastUsedTime: r.last_used_time,
});

export class TokensRepo {
  all(r: Reader): StoredToken[] {
    return r.all<Row>('SELECT * FROM tokens ORDER BY scim_id').map(toStored);
  }

  insert(tx: Tx, t: Omit<StoredToken, 'scimId' | 'lastUsedTime'>): StoredToken {
    const { lastInsertRowid } = tx.run(
      'INSERT INTO tokens (client_name, token_hash, token_prefix, creation_time) VALUES (?, ?, ?, ?)',
      [t.clientName, t.tokenHash, t.tokenPrefix, t.creationTime],
    );
    return { ...t, scimId: lastInsertRowid, lastUsedTime: null };
  }

  remove(tx: Tx, scimId: number): boolean {
    return tx.run('DELETE FROM tokens WHERE scim_id = ?', [scimId]).changes > 0;
  }

  touch(tx: Tx, scimId: number, at: string): void {
    tx.run('UPDATE tokens SET last_used_time = ? WHERE scim_id = ?', [at, scimId]);
  }
}
