/**
 * How SCIM attribute paths map onto the tables, for the filter compiler
 * (../query). Indexed columns come first; anything else is read from the stored JSON.
 */
import type { SqlTarget } from '../query';
import type { SchemaDef } from '../domain/schema';

export function usersTarget(schemas: SchemaDef[], alias = 'u'): SqlTarget {
  const a = alias;
  return {
    schemas,
    table: a,
    jsonColumn: `${a}.resource`,
    columns: {
      id: { expr: `${a}.id` },
      username: { expr: `${a}.user_name`, foldedExpr: `${a}.user_name_ci` },
      externalid: { expr: `${a}.external_id` },
      displayname: { expr: `${a}.display_name`, foldedExpr: `${a}.display_name_ci` },
      active: { expr: `${a}.active`, type: 'boolean' },
      'meta.created': { expr: `${a}.created`, type: 'dateTime' },
      'meta.lastmodified': { expr: `${a}.modified`, type: 'dateTime' },
    },
    relations: {
      groups: {
        exists: `EXISTS (SELECT 1 FROM group_members ugm JOIN groups ug ON ug.seq = ugm.group_seq WHERE ugm.user_seq = ${a}.seq AND ug.deleted = 0 AND (%s))`,
        columns: {
          // ids are lower-case UUIDs, so fold(id) = id: members/groups.value is caseExact=false
          // (RFC 7643 §4.2) and this keeps the comparison free of scim_fold (index, journaled writes).
          value: { expr: 'ug.id', foldedExpr: 'ug.id' },
          display: { expr: 'ug.display_name', foldedExpr: 'ug.display_name_ci' },
        },
      },
    },
  };
}

export function groupsTarget(schemas: SchemaDef[], alias = 'g'): SqlTarget {
  const a = alias;
  return {
    schemas,
    table: a,
    jsonColumn: `${a}.resource`,
    columns: {
      id: { expr: `${a}.id` },
      displayname: { expr: `${a}.display_name`, foldedExpr: `${a}.display_name_ci` },
      externalid: { expr: `${a}.external_id` },
      'meta.created': { expr: `${a}.created`, type: 'dateTime' },
      'meta.lastmodified': { expr: `${a}.modified`, type: 'dateTime' },
    },
    relations: {
      members: {
        exists: `EXISTS (SELECT 1 FROM group_members gm JOIN users mu ON mu.seq = gm.user_seq WHERE gm.group_seq = ${a}.seq AND (%s))`,
        columns: {
          value: { expr: 'mu.id', foldedExpr: 'mu.id' },
          display: { expr: 'mu.user_name', foldedExpr: 'mu.user_name_ci' },
        },
      },
    },
  };
}

/**
 * A target for filters over a group's members (`remove members[display eq "x"]`): the
 * member's users row is `mu`, and member sub-attributes map onto it.
 */
export function memberRowTarget(schemas: SchemaDef[]): SqlTarget {
  return {
    schemas,
    table: 'mu',
    jsonColumn: 'mu.resource',
    columns: {
      value: { expr: 'mu.id', foldedExpr: 'mu.id' },
      display: { expr: 'mu.user_name', foldedExpr: 'mu.user_name_ci' },
      type: { expr: "'User'" },
    },
  };
}
