/**
 * The change events the console listens to (server/admin/live-events.ts): the ids of the users
 * and of the groups each durable write changed. The first WriteObserver, so no handler can
 * forget to announce a write, including the groups a user delete takes the user out of.
 */
import { EventEmitter } from 'node:events';
import type { ResourceChange, WriteObserver } from './resource-change';

export interface ChangeEventMap {
  'users-changed': [string[]];
  'groups-changed': [string[]];
}

export class ChangeEvents extends EventEmitter<ChangeEventMap> implements WriteObserver {
  afterCommit(changes: readonly ResourceChange[]): void {
    const users: string[] = [];
    const groups: string[] = [];
    for (const c of changes) (c.resource === 'User' ? users : groups).push(c.id);
    if (users.length) this.emit('users-changed', users);
    if (groups.length) this.emit('groups-changed', groups);
  }
}
