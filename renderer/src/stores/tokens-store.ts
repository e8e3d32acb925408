/** The SCIM bearer tokens (Netskope's "OAUTH Token for SCIM Client" table, spec/netskope.md §3.2). */
import { create } from 'zustand';
import type { NewToken, TokenInfo } from '../../../server/admin/contract';
import { api } from '../api/client';
import { errorMessage } from '../api/admin-error';

interface TokensState {
  tokens: TokenInfo[];
  loaded: boolean;
  error: string | null;
  load(): Promise<void>;
  /** creates a token; the secret is only in the returned value (shown once) */
  create(clientName: string): Promise<NewToken>;
  revoke(scimId: number): Promise<void>;
}

export const useTokens = create<TokensState>((set, get) => ({
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
  async create(clientName) {
    const token = await api().createToken({ clientName });
    await get().load();
    return token;
  },
  async revoke(scimId) {
    await api().revokeToken({ scimId });
    set((s) => ({ tokens: s.tokens.filter((t) => t.scimId !== scimId) }));
    await get().load();
  },
}));
