/**
 * Electron main entry: wires the server module into the lifecycle, nothing else
 * (design.md: "electron/ is thin: it starts the server module, opens a window, and binds the
 * admin service to IPC").
 */
import { runApp } from './lifecycle';
import { startForElectron } from './server-start';

runApp(startForElectron);
