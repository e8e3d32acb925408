/**
 * The store: the durable engine, the repositories over it, and the resource services that own
 * user and group writes (docs/architecture.md). The only owner of persistence; a server
 * database could replace the engine behind this module.
 */
import { openEngine } from './engine';
import { storeMigrations } from './schema';
import type { Engine, EngineOptions } from './types';
import { UsersRepo } from './users-repo';
import { GroupsRepo } from './groups-repo';
import { TokensRepo } from './tokens-repo';
import { SettingsRepo } from './settings-repo';
import { HistoryStore } from './history-store';
import { CustomSchemaRepo } from './custom-schema-repo';
import { FILTER_SQL_FUNCTIONS } from '../query';
import { ResourceWrites } from './resource-writes';
import { ChangeEvents } from './change-events';
import { UserService } from './user-service';
import { GroupService } from './group-service';

export interface Store {
  engine: Engine;
  users: UsersRepo;
  groups: GroupsRepo;
  tokens: TokensRepo;
  settings: SettingsRepo;
  /** resource history, in its own files beside the database (docs/history.md) */
  history: HistoryStore;
  /** the tenant's custom schema and the per-user index of its values */
  customSchema: CustomSchemaRepo;
  /** user writes: transaction, uniqueness, active/delete semantics, change recording */
  userService: UserService;
  /** group writes: the same, plus membership */
  groupService: GroupService;
  /** the door every resource write passes; `writes.observe()` adds a WriteObserver */
  writes: ResourceWrites;
  /** ids of the users and groups each durable write changed (the console's live events) */
  changes: ChangeEvents;
  close(): Promise<void>;
}

export type StoreOptions = Omit<EngineOptions, 'migrations' | 'functions' | 'side'>;

export async function openStore(options: StoreOptions): Promise<Store> {
  const history = HistoryStore.open(options.dir);
  let engine: Engine;
  try {
    engine = await openEngine({
      ...options,
      migrations: storeMigrations(history),
      functions: FILTER_SQL_FUNCTIONS,
      side: history,
    });
  } catch (err) {
    history.close();
    throw err;
  }
  const users = new UsersRepo();
  const groups = new GroupsRepo();
  const writes = new ResourceWrites(engine);
  const changes = new ChangeEvents();
  writes.observe(changes);
  return {
    engine,
    users,
    groups,
    userService: new UserService(users, groups, writes),
    groupService: new GroupService(users, groups, writes),
    writes,
    changes,
    tokens: new TokensRepo(),
    settings: new SettingsRepo(),
    history,
    customSchema: new CustomSchemaRepo(),
    close: () => engine.close(),
  };
}
