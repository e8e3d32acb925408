/**
 * The validation report (docs/history.md "The validation report"): what it holds, the same for
 * its HTML and JSON forms. Built by ./collect.ts from a store reader and the request log.
 */
import type { DiffEntry, MemberRef, Version } from '../domain/history';
import type { OktaAction } from '../domain/okta-action';
import type { StoredSettings } from '../domain/settings';
import type { StatusClass } from '../domain/request-record';

export interface EvidenceRef {
  id: string;
  time: string;
  method: string;
  path: string;
  query: string;
  status: number;
  oktaAction: OktaAction;
}

export interface ReportChecklistStep {
  id: string;
  label: string;
  done: boolean;
  at: string | null;
  evidence: EvidenceRef[];
}

export interface LifecycleEvent {
  time: string;
  requestId: string | null;
  action: OktaAction | null;
}

export interface UserLifecycle {
  id: string;
  userName: string;
  externalId: string | null;
  active: boolean;
  deleted: boolean;
  created: LifecycleEvent | null;
  updated: LifecycleEvent[];
  deactivated: LifecycleEvent[];
  reactivated: LifecycleEvent[];
  deletedAt: LifecycleEvent | null;
}

export interface MembershipChange extends LifecycleEvent {
  added: number;
  removed: number;
}

export interface GroupLifecycle {
  id: string;
  displayName: string;
  externalId: string | null;
  memberCount: number;
  deleted: boolean;
  pushed: LifecycleEvent | null;
  renamed: (LifecycleEvent & { from: unknown; to: unknown })[];
  membership: MembershipChange[];
  deletedAt: LifecycleEvent | null;
}

export interface ReportWarning {
  time: string;
  kind: 'ignored-attributes' | 'dropped-members' | 'refused-request';
  resourceType: 'User' | 'Group' | null;
  resourceId: string | null;
  resourceName: string | null;
  detail: string;
  requestId: string | null;
  /** for refused requests: the SCIM error's status and scimType */
  status?: number;
  scimType?: string | null;
  members?: MemberRef[];
}

export interface ResourceHistory {
  resourceType: 'User' | 'Group';
  resourceId: string;
  resourceName: string | null;
  truncated: boolean;
  versions: Version[];
}

export interface ValidationReport {
  title: string;
  generatedAt: string;
  source: { dataDir: string; serverRunning: boolean | null; journalLsn: number | null };
  profile: string;
  settings: Omit<StoredSettings, 'orgKey'> & { orgKey: string };
  span: { from: string | null; to: string | null; requests: number; versions: number };
  checklist: ReportChecklistStep[];
  users: UserLifecycle[];
  groups: GroupLifecycle[];
  /** resources beyond the report's cap (counted, not listed) */
  omitted: { users: number; groups: number };
  warnings: ReportWarning[];
  statusCounts: Record<StatusClass, number>;
  actionCounts: Partial<Record<OktaAction, number>>;
  history: ResourceHistory[];
}

export type { DiffEntry };
