/** The tenant's custom schema (docs/schemas.md): loaded and saved through the admin API. */
import { create } from 'zustand';
import type { CustomAttribute, CustomSchemaView } from '../../../server/admin/contract';
import { api } from '../api/client';
import { errorMessage } from '../api/admin-error';

interface CustomSchemaState {
  schema: CustomSchemaView | null;
  loaded: boolean;
  error: string | null;
  saving: boolean;
  load(): Promise<void>;
  /** replaces the attribute list (creating the schema if needed); throws with the server's reason */
  save(attributes: CustomAttribute[]): Promise<void>;
  remove(): Promise<void>;
}

export const useCustomSchema = create<CustomSchemaState>((set, get) => ({
  schema: null,
  loaded: false,
  error: null,
  saving: false,
  async load() {
    try {
      set({ schema: await api().getCustomSchema(), loaded: true, error: null });
    } catch (err) {
      set({ error: errorMessage(err), loaded: true });
    }
  },
  async save(attributes) {
    const current = get().schema;
    set({ saving: true });
    try {
      const schema = await api().setCustomSchema({
        schema: {
          name: current?.name ?? 'Custom Schema',
          description: current?.description ?? 'Tenant custom user attributes',
          attributes,
        },
      });
      set({ schema, error: null });
    } finally {
      set({ saving: false });
    }
  },
  async remove() {
    set({ saving: true });
    try {
      await api().setCustomSchema({ schema: null });
      set({ schema: null, error: null });
    } finally {
      set({ saving: false });
    }
  },
}));
