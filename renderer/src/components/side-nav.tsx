/** Left navigation with the live-stream indicator at the bottom. */
import { useConnect } from '../stores/connect-store';
import { Icon, type IconName } from './icons';
import { useStream } from '../stores/live';
import { useNav, type Screen } from '../stores/nav-store';

const ITEMS: { screen: Screen; label: string; icon: IconName }[] = [
  { screen: 'connect', label: 'Connect', icon: 'plug' },
  { screen: 'tokens', label: 'Tokens', icon: 'key' },
  { screen: 'users', label: 'Users', icon: 'user' },
  { screen: 'groups', label: 'Groups', icon: 'users' },
  { screen: 'log', label: 'Request log', icon: 'list' },
  { screen: 'faults', label: 'Faults', icon: 'bolt' },
  { screen: 'settings', label: 'Settings', icon: 'gear' },
];

const STREAM_TEXT = {
  open: 'Live',
  connecting: 'Connecting…',
  reconnecting: 'Reconnecting… (updates paused)',
};

/** Moves the focus to the new screen's title, so keyboard and screen-reader users start there. */
function focusScreenTitle() {
  requestAnimationFrame(() => {
    const h1 = document.querySelector<HTMLElement>('.screen h1');
    if (!h1) return;
    h1.tabIndex = -1;
    h1.focus();
  });
}

/** The navigation column. */
export function SideNav() {
  const screen = useNav((s) => s.screen);
  const go = useNav((s) => s.go);
  const stream = useStream((s) => s.state);
  const info = useConnect((s) => s.info);
  return (
    <nav className="side-nav" aria-label="Screens">
      <div className="brand">
        ScimDesk
        <small>Netskope SCIM tenant emulator</small>
      </div>
      <ul>
        {ITEMS.map((item) => (
          <li key={item.screen}>
            <button
              type="button"
              className="nav-item"
              aria-current={screen === item.screen ? 'page' : undefined}
              onClick={() => {
                go(item.screen);
                focusScreenTitle();
              }}
            >
              <Icon name={item.icon} />
              {item.label}
            </button>
          </li>
        ))}
      </ul>
      <div className={`nav-foot live-${stream}`} role="status" aria-live="polite">
        <span className="live-dot" aria-hidden="true" />
        {STREAM_TEXT[stream]}
        {info && (
          <div className="muted-nav">
            {info.mode === 'headless' ? 'Headless' : 'Desktop'} · v{info.version}
          </div>
        )}
      </div>
    </nav>
  );
}
