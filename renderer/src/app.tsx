/** The console shell: navigation, live event stream, store-health banner and the current screen. */
import { useEffect } from 'react';
import { FaultsBanner } from './components/faults-banner';
import { ErrorBanner } from './components/notice';
import { FaultsScreen } from './screens/faults/faults-screen';
import { SideNav } from './components/side-nav';
import { ConnectScreen } from './screens/connect/connect-screen';
import { GroupsScreen } from './screens/groups/groups-screen';
import { LogScreen } from './screens/log/log-screen';
import { SettingsScreen } from './screens/settings/settings-screen';
import { TokensScreen } from './screens/tokens/tokens-screen';
import { UsersScreen } from './screens/users/users-screen';
import { useConnect } from './stores/connect-store';
import { useFaults } from './stores/faults-store';
import { startLive } from './stores/live';
import { useNav } from './stores/nav-store';

/** Root component. */
export function App() {
  const screen = useNav((s) => s.screen);
  const info = useConnect((s) => s.info);
  const connectError = useConnect((s) => s.error);

  useEffect(() => {
    void useConnect.getState().load();
    void useFaults.getState().load();
    return startLive();
  }, []);

  return (
    <div className="app">
      <SideNav />
      <main className="main" id="main">
        {connectError && !info && screen !== 'connect' && (
          <div className="screen-banner">
            <ErrorBanner onRetry={() => void useConnect.getState().load()}>{connectError}</ErrorBanner>
          </div>
        )}
        {info?.storeHealth === 'failed' && (
          <div className="screen-banner">
            <ErrorBanner>
              Storage failed: {info.storeError ?? 'unknown error'}. SCIM writes are being refused with 5xx
              errors until the data directory is writable again; nothing acknowledged has been lost.
            </ErrorBanner>
          </div>
        )}
        <FaultsBanner />
        {screen === 'connect' && <ConnectScreen />}
        {screen === 'tokens' && <TokensScreen />}
        {screen === 'users' && <UsersScreen />}
        {screen === 'groups' && <GroupsScreen />}
        {screen === 'log' && <LogScreen />}
        {screen === 'faults' && <FaultsScreen />}
        {screen === 'settings' && <SettingsScreen />}
      </main>
    </div>
  );
}
