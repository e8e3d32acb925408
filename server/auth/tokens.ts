/**
 * Bearer tokens: 32 random bytes (base64url), shown once, stored as SHA-256, verified in
 * constant time, revocable at once, with creation and last-used times (docs/architecture.md "Security
 * posture"; docs/netskope.md §3.2: Last Used Time moves on every authenticated call,
 * including the IdP's "Test API Credentials").
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Engine } from '../store/types';
import type { StoredToken, TokensRepo } from '../store/tokens-repo';

export interface Authenticated {
  scimId: number;
  clientName: string;
  /** minted by the console's "Simulate Okta" for its own run (docs/simulator.md) */
  simulated: boolean;
}

export type AuthFailure = 'missing' | 'malformed' | 'unknown';

const PREFIX_LEN = 8;
/** Last-used times are journaled at most this often per token (memory is always current). */
const TOUCH_INTERVAL_MS = 1000;

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function mintToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Reads the credential from `Authorization: Bearer <t>` (scheme case-insensitive, as some
 * admins type "bearer", docs/okta.md §1) or Netskope's `Netskope-Api-Token: <t>` header
 * (docs/netskope.md §3.1).
 */
export function credentialFrom(headers: Record<string, string | string[] | undefined>): string | AuthFailure {
  const nsk = headers['netskope-api-token'];
  const auth = headers['authorization'];
  if (typeof auth === 'string' && auth.length) {
    const m = /^bearer[ \t]+([A-Za-z0-9._~+/=-]+)[ \t]*$/i.exec(auth);
    return m?.[1] ?? 'malformed';
  }
  if (typeof nsk === 'string' && nsk.length) {
    return /^[A-Za-z0-9._~+/=-]+$/.test(nsk.trim()) ? nsk.trim() : 'malformed';
  }
  if (Array.isArray(auth) || Array.isArray(nsk)) return 'malformed';
  return 'missing';
}

export class TokenService {
  private byHash = new Map<string, StoredToken>();
  private readonly lastJournaled = new Map<number, number>();
  /**
   * Tokens the console's Okta simulator minted for itself. Kept in memory only: each run
   * mints one and revokes it when done, so none outlives the process that marked it.
   */
  private readonly simulatedIds = new Set<number>();

  constructor(
    private readonly engine: Engine,
    private readonly repo: TokensRepo,
    private readonly onChange: () => void = () => undefined,
  ) {
    this.reload();
  }

  reload(): void {
    this.byHash = new Map(this.engine.read((r) => this.repo.all(r)).map((t) => [t.tokenHash, t]));
  }

  list(): StoredToken[] {
    return [...this.byHash.values()].sort((a, b) => a.scimId - b.scimId);
  }

  /** Creates a token; the returned secret is never stored and cannot be shown again. */
  async create(clientName: string, value: string = mintToken()): Promise<StoredToken & { token: string }> {
    const tokenHash = hashToken(value);
    if (this.byHash.has(tokenHash)) throw new Error('a token with this value already exists');
    const stored = await this.engine.write((tx) =>
      this.repo.insert(tx, {
        clientName,
        tokenHash,
        tokenPrefix: value.slice(0, PREFIX_LEN),
        creationTime: new Date().toISOString(),
      }),
    );
    this.byHash.set(tokenHash, stored);
    this.onChange();
    return { ...stored, token: value };
  }

  /** Marks a token as the simulator's, so the request log can flag its requests. */
  markSimulated(scimId: number): void {
    this.simulatedIds.add(scimId);
  }

  /** Revokes at once: the next request with this token is refused. */
  async revoke(scimId: number): Promise<boolean> {
    const entry = [...this.byHash.entries()].find(([, t]) => t.scimId === scimId);
    if (!entry) return false;
    this.byHash.delete(entry[0]);
    this.simulatedIds.delete(scimId);
    await this.engine.write((tx) => this.repo.remove(tx, scimId));
    this.onChange();
    return true;
  }

  /**
   * Verifies a presented token. The lookup is by SHA-256, and the stored hash is then
   * compared with timingSafeEqual, so response time does not depend on how much of a guess
   * matched a real token.
   */
  verify(presented: string): Authenticated | undefined {
    const hash = hashToken(presented);
    const hit = this.byHash.get(hash);
    if (!hit) return undefined;
    if (!timingSafeEqual(Buffer.from(hit.tokenHash, 'hex'), Buffer.from(hash, 'hex'))) return undefined;
    this.touch(hit);
    return { scimId: hit.scimId, clientName: hit.clientName, simulated: this.simulatedIds.has(hit.scimId) };
  }

  private touch(t: StoredToken): void {
    const now = Date.now();
    t.lastUsedTime = new Date(now).toISOString();
    const last = this.lastJournaled.get(t.scimId) ?? 0;
    if (now - last < TOUCH_INTERVAL_MS) return;
    this.lastJournaled.set(t.scimId, now);
    const at = t.lastUsedTime;
    try {
      this.engine.writeLazy((tx) => this.repo.touch(tx, t.scimId, at));
    } catch {
      // Bookkeeping only: a store that cannot write must not refuse an authenticated read.
    }
    this.onChange();
  }
}
