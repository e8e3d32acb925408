/**
 * Electron main entry: wires the server module into the lifecycle, nothing else
 * (docs/architecture.md "Rules that keep it simple": electron/ only starts the server, opens the
 * window and binds the admin service to IPC).
 */
import { runApp } from './lifecycle';
import { startForElectron } from './server-start';

runApp(startForElectron);
