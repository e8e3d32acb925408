/** One line of the activity feed (docs/history.md "Activity feed"): what the IdP did, in plain words. */
import type { OktaAction } from './okta-action';
import type { LogResourceRef } from './request-record';

export interface ActivityItem {
  /** the request log id this line describes (the feed links to it) */
  requestId: string;
  seq: number;
  time: string;
  action: OktaAction;
  status: number;
  level: 'ok' | 'warn' | 'error';
  text: string;
  resource: LogResourceRef | null;
}

export interface ActivityQuery {
  beforeSeq?: number;
  limit?: number;
}
