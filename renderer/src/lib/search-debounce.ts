/**
 * How long the search boxes (Users, Groups, group members) wait after the last keystroke before
 * asking the server. 150 ms coalesces typing at ordinary speed into one query and leaves room in
 * the 300 ms budget for a search at 100,000 users (server ~25–40 ms, render ~20 ms; issue 3).
 */
export const SEARCH_DEBOUNCE_MS = 150;
