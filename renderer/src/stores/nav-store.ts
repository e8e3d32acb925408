/**
 * Which screen is shown and which item is open in it, mirrored in the address hash
 * (`#/users/<id>`) so that a reload keeps the place and log links can point at an entry.
 */
import { create } from 'zustand';

export const SCREENS = ['connect', 'tokens', 'users', 'groups', 'log', 'faults', 'settings'] as const;
export type Screen = (typeof SCREENS)[number];

interface NavState {
  screen: Screen;
  /** the id of the user, group or log entry open on the current screen */
  itemId: string | null;
  go(screen: Screen, itemId?: string | null): void;
  /** closes the open item, staying on the screen */
  closeItem(): void;
}

function parseHash(hash: string): { screen: Screen; itemId: string | null } {
  const [, screen, id] = hash.replace(/^#/, '').split('/');
  const known = SCREENS.find((s) => s === screen);
  return { screen: known ?? 'connect', itemId: known && id ? decodeURIComponent(id) : null };
}

function writeHash(screen: Screen, itemId: string | null) {
  const hash = `#/${screen}${itemId ? `/${encodeURIComponent(itemId)}` : ''}`;
  if (window.location.hash !== hash) history.replaceState(null, '', hash);
}

/** Navigation state; `go` also updates the hash. */
export const useNav = create<NavState>((set) => ({
  ...parseHash(window.location.hash),
  go(screen, itemId = null) {
    writeHash(screen, itemId);
    set({ screen, itemId });
  },
  closeItem() {
    set((s) => {
      writeHash(s.screen, null);
      return { itemId: null };
    });
  },
}));

window.addEventListener('hashchange', () => useNav.setState(parseHash(window.location.hash)));
