/**
 * The store: the durable engine plus the repositories over it. The only owner of
 * persistence (design.md); a server database could replace the engine behind this module.
 */
import { openEngine } from './engine';
import { MIGRATIONS } from './schema';
import type { Engine, EngineOptions } from './types';
import { UsersRepo } from './users-repo';
import { GroupsRepo } from './groups-repo';
import { TokensRepo } from './tokens-repo';
import { SettingsRepo } from './settings-repo';
import { CustomSchemaRepo } from './custom-schema-repo';
import { FILTER_SQL_FUNCTIONS } from '../query';

export interface Store {
  engine: Engine;
  users: UsersRepo;
  groups: GroupsRepo;
  tokens: TokensRepo;
  settings: SettingsRepo;
  customSchema: CustomSchemaRepo;
  close(): Promise<void>;
}

export type StoreOptions = Omit<EngineOptions, 'migrations' | 'functions'>;

export async function openStore(options: StoreOptions): Promise<Store> {
  const engine = await openEngine({
    ...options,
    migrations: MIGRATIONS,
    functions: FILTER_SQL_FUNCTIONS,
  });
  return {
    engine,
    users: new UsersRepo(),
    groups: new GroupsRepo(),
    tokens: new TokensRepo(),
    settings: new SettingsRepo(),
    customSchema: new CustomSchemaRepo(),
    close: () => engine.close(),
  };
}
