/** The SCIM bearer tokens (Netskope's "OAUTH Token for SCIM Client" table, docs/netskope.md §3.2). */
import { create } from 'zustand';
import type { NewToken, TokenInfo } from '../../../server/admin/contract';
import { api } from '../api/client';
import { errorMessage } from '../api/admin-error';

interface TokensState {
  tokens: TokenInfo[];
  loaded: boolean;
  error: string | null;
  load(): Promise<void>;
  /** the list as a live event carries it */
  received(tokens: TokenInfo[]): void;
  /** creates a token; the secret is only in the returned value (shown once) */
  create(clientName: string): Promise<NewToken>;
  revoke(scimId: number): Promise<void>;
}

export const useTokens = create<TokensState>((set) => ({
  tokens: [],
  loaded: false,
  error: null,
  async load() {
    try {
      set({ tokens: await api().listTokens(), loaded: true, error: null });
    } catch (err) {
      set({ error: errorMessage(err), loaded: true });
    }
  },
  received(tokens) {
    set({ tokens, loaded: true, error: null });
  },
  // Create and revoke show their own result at once; the live event that follows carries the
  // server's list, so neither reloads (one path for token updates: ./live.ts).
  async create(clientName) {
    const token = await api().createToken({ clientName });
    const { token: _secret, ...info } = token;
    set((s) => ({ tokens: [...s.tokens.filter((t) => t.scimId !== info.scimId), info] }));
    return token;
  },
  async revoke(scimId) {
    await api().revokeToken({ scimId });
    set((s) => ({ tokens: s.tokens.filter((t) => t.scimId !== scimId) }));
  },
}));
