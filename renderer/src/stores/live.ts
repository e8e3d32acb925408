/**
 * Routes the admin event stream to the feature stores: the one place that knows which event
 * refreshes what. After the stream reconnects, everything is reloaded, since events sent while
 * it was down are lost (SSE replays nothing unless the server keeps ids).
 */
import { create } from 'zustand';
import type { AdminEvent } from '../../../server/admin/contract';
import { api, type StreamState } from '../api/client';
import { throttle } from '../lib/throttle';
import { useConnect } from './connect-store';
import { useGroupDetail, useLogDetail, useUserDetail } from './detail-store';
import { useActivity } from './activity-store';
import { useGroups } from './groups-store';
import { useHistory } from './history-store';
import { useLog } from './log-store';
import { useMembers } from './members-store';
import { useSettings } from './settings-store';
import { useTokens } from './tokens-store';
import { useUsers } from './users-store';

/** The live stream's state, for the status indicator. */
export const useStream = create<{ state: StreamState }>(() => ({ state: 'connecting' }));

/** One refresh per 250 ms at most, so a push of thousands of users stays cheap. */
const REFRESH_MS = 250;

/** Starts listening; returns the function that stops. */
export function startLive(): () => void {
  const refreshUsers = throttle(() => useUsers.getState().refresh(), REFRESH_MS);
  const refreshGroups = throttle(() => {
    useGroups.getState().refresh();
    if (useMembers.getState().query.id) useMembers.getState().refresh();
  }, REFRESH_MS);
  const changedUsers = new Set<string>();
  const changedGroups = new Set<string>();
  const refreshUserDetail = throttle(() => {
    useUserDetail.getState().refresh([...changedUsers]);
    changedUsers.clear();
  }, REFRESH_MS);
  const refreshGroupDetail = throttle(() => {
    useGroupDetail.getState().refresh([...changedGroups]);
    changedGroups.clear();
  }, REFRESH_MS);
  // The open drawer's History reloads from the top when its resource changed.
  const changedHistory = new Set<string>();
  const refreshHistory = throttle(() => {
    useHistory.getState().refresh([...changedHistory]);
    changedHistory.clear();
  }, REFRESH_MS);
  // Live activity feed: reloads its first page when new entries arrive.
  const refreshActivity = throttle(() => void useActivity.getState().reload(), REFRESH_MS);
  // last-used times move on every SCIM request: keep the token list fresh from log events too
  const refreshTokens = throttle(() => void useTokens.getState().load(), 1000);

  function onEvent(event: AdminEvent) {
    switch (event.type) {
      case 'log':
        useLog.getState().onLive(event.entry);
        refreshActivity();
        if (event.entry.tokenName) refreshTokens();
        break;
      case 'log-cleared':
        useLog.getState().onCleared();
        break;
      case 'users-changed':
        refreshUsers();
        for (const id of event.ids) changedUsers.add(id);
        refreshUserDetail();
        for (const id of event.ids) changedHistory.add(id);
        refreshHistory();
        // a user's name shows in member lists
        if (useMembers.getState().query.id) refreshGroups();
        break;
      case 'groups-changed':
        refreshGroups();
        for (const id of event.ids) changedGroups.add(id);
        refreshGroupDetail();
        for (const id of event.ids) changedHistory.add(id);
        refreshHistory();
        // group membership shows in the user detail view
        useUserDetail.getState().refresh();
        break;
      case 'tokens-changed':
        refreshTokens();
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
    refreshGroups();
    useUserDetail.getState().refresh();
    useGroupDetail.getState().refresh();
    useLogDetail.getState().refresh();
    useHistory.getState().refresh();
    void useActivity.getState().reload();
  });
  const stopEvents = api().subscribe(onEvent);
  return () => {
    stopEvents();
    stopState();
    for (const t of [
      refreshUsers,
      refreshGroups,
      refreshUserDetail,
      refreshGroupDetail,
      refreshTokens,
      refreshHistory,
      refreshActivity,
    ])
      t.cancel();
  };
}
