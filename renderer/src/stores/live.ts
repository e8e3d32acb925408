/**
 * Routes the admin event stream to the feature stores: the one place that knows which event
 * changes what. User and group events carry the changed rows (docs/live-updates.md): the lists
 * patch the rows they hold and refetch only when a row may move, appear or go. There is no
 * timer here: the server already gathers changes for 100 ms (server/admin/change-batcher.ts),
 * and a refetch asked for while one is on its way is folded into it.
 *
 * After the stream reconnects, everything is reloaded, since events sent while it was down are
 * lost (SSE replays nothing unless the server keeps ids).
 */
import { create } from 'zustand';
import type { AdminEvent, GroupRow, UserRow } from '../../../server/admin/contract';
import { api, type StreamState } from '../api/client';
import { useConnect } from './connect-store';
import { useGroupDetail, useLogDetail, useUserDetail } from './detail-store';
import { useGroups } from './groups-store';
import { useLog } from './log-store';
import { toMemberRow, useMembers } from './members-store';
import { useSettings } from './settings-store';
import { useSimulate } from './simulate-store';
import { useTokens } from './tokens-store';
import { useUsers } from './users-store';

/** The live stream's state, for the status indicator. */
export const useStream = create<{ state: StreamState }>(() => ({ state: 'connecting' }));

type Change<Row> = { rows: Row[]; removed: string[]; overflow: boolean };
const idsOf = (c: Change<{ id: string }>): string[] => [...c.rows.map((r) => r.id), ...c.removed];

/** Users changed: their rows, the open group's member list, the open user. */
export function onUsersChanged(change: Change<UserRow>): void {
  useUsers.getState().applyChange(change);
  const members = useMembers.getState();
  if (members.query.id) {
    // A deleted user leaves every group (server/store/users-repo.ts `softDelete`).
    const gone = change.rows.filter((u) => u.deleted).map((u) => u.id);
    members.applyChange(
      {
        rows: change.rows.filter((u) => !u.deleted).map(toMemberRow),
        removed: [...change.removed, ...gone],
        // A searched member list cannot tell from a member row whether the user still matches,
        // or whether a member not shown now does (members-store.ts): refetch what is on screen.
        overflow: change.overflow || members.query.search !== '',
      },
      { onlyKnown: true },
    );
  }
  useUserDetail.getState().refresh(change.overflow ? undefined : idsOf(change));
}

/** Groups changed: their rows (member counts included), the open group and its members. */
export function onGroupsChanged(change: Change<GroupRow>): void {
  useGroups.getState().applyChange(change);
  const ids = change.overflow ? undefined : idsOf(change);
  const open = useMembers.getState().query.id;
  if (open && (!ids || ids.includes(open))) useMembers.getState().refresh();
  useGroupDetail.getState().refresh(ids);
  // The open user's group list may have gained or lost one of these groups.
  useUserDetail.getState().refresh();
}

/** Starts listening; returns the function that stops. */
export function startLive(): () => void {
  function onEvent(event: AdminEvent) {
    switch (event.type) {
      case 'log':
        useLog.getState().onLive(event.entry);
        break;
      case 'log-cleared':
        useLog.getState().onCleared();
        break;
      case 'users-changed':
        onUsersChanged(event);
        break;
      case 'groups-changed':
        onGroupsChanged(event);
        break;
      case 'tokens-changed':
        // the one path for tokens: every change (last-used times too) arrives as the list
        useTokens.getState().received(event.tokens);
        break;
      case 'settings-changed':
        void useSettings.getState().load();
        void useConnect.getState().load();
        break;
      case 'checklist':
        useConnect.getState().setSteps(event.steps);
        break;
      case 'store':
        useConnect.getState().setStoreHealth(event.health, event.message);
        break;
      case 'simulation':
        useSimulate.getState().onEvent(event);
        break;
    }
  }

  let wasDown = false;
  const stopState = api().onStreamState((state) => {
    useStream.setState({ state });
    if (state !== 'open') {
      wasDown = wasDown || state === 'reconnecting';
      return;
    }
    if (!wasDown) return;
    wasDown = false;
    void useConnect.getState().load();
    void useTokens.getState().load();
    void useSettings.getState().load();
    void useLog.getState().reload();
    useUsers.getState().refresh();
    useGroups.getState().refresh();
    if (useMembers.getState().query.id) useMembers.getState().refresh();
    useUserDetail.getState().refresh();
    useGroupDetail.getState().refresh();
    useLogDetail.getState().refresh();
  });
  const stopEvents = api().subscribe(onEvent);
  return () => {
    stopEvents();
    stopState();
  };
}
