/**
 * What each console search box searches (issue 17; docs/console.md "Search"). The server
 * matches these fields (server/store/search-text.ts): case-insensitive, any part of a value,
 * and with several words each word must match some field.
 */
export interface SearchBox {
  /** accessible name */
  label: string;
  /** says which fields are searched */
  placeholder: string;
  /** the whole rule, on hover */
  title: string;
}

const HOW = 'Case-insensitive, any part of a value; with several words, each must match some field.';

export const USERS_SEARCH: SearchBox = {
  label: 'Search users',
  placeholder: 'Search userName, email, name, externalId or id',
  title: `Matches userName, every email, given, family and formatted name, display name, externalId and id. ${HOW}`,
};

export const GROUPS_SEARCH: SearchBox = {
  label: 'Search for groups',
  placeholder: 'Search name, externalId or id',
  title: `Matches the group's display name, externalId and id. ${HOW}`,
};

export const MEMBERS_SEARCH: SearchBox = {
  label: 'Search for users in this group',
  placeholder: 'Search members: userName, email, name, externalId or id',
  title: `Matches a member's userName, every email, given, family and formatted name, display name, externalId and id. ${HOW}`,
};
