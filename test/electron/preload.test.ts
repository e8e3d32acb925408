/** electron/preload.ts: exposes exactly the contract's named functions plus onEvent, nothing raw. */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { ADMIN_METHOD_NAMES as ADMIN_METHODS } from '../../server/admin/methods';
import { BRIDGE_METHODS } from '../../electron/channels';
import { contextBridge, ipcRenderer, resetElectronMock } from './electron-mock';

vi.mock('electron', () => import('./electron-mock'));

let bridge: Record<string, unknown>;

beforeAll(async () => {
  resetElectronMock();
  await import('../../electron/preload');
  bridge = contextBridge.exposed.get('scimdesk') as Record<string, unknown>;
});

describe('preload bridge', () => {
  it('the channel map lists exactly the contract methods', () => {
    expect([...BRIDGE_METHODS]).toEqual([...ADMIN_METHODS]);
  });

  it('exposes one object, window.scimdesk, and nothing else', () => {
    expect(contextBridge.exposeInMainWorld).toHaveBeenCalledOnce();
    expect([...contextBridge.exposed.keys()]).toEqual(['scimdesk']);
  });

  it('has exactly the contract methods plus onEvent, all functions, frozen', () => {
    expect(Object.keys(bridge).sort()).toEqual([...ADMIN_METHODS, 'onEvent'].sort());
    for (const v of Object.values(bridge)) expect(typeof v).toBe('function');
    expect(Object.isFrozen(bridge)).toBe(true);
    expect(bridge).not.toHaveProperty('invoke');
    expect(bridge).not.toHaveProperty('ipcRenderer');
  });

  it('invokes admin:<method> with the argument and returns the envelope', async () => {
    const fn = bridge['listUsers'] as (a: unknown) => Promise<unknown>;
    expect(await fn({ search: 'a' })).toEqual({
      ok: true,
      data: { channel: 'admin:listUsers', arg: { search: 'a' } },
    });
    expect(ipcRenderer.invoke).toHaveBeenCalledWith('admin:listUsers', { search: 'a' });
  });

  it('onEvent relays the payload without the IPC event, and unsubscribes', () => {
    const onEvent = bridge['onEvent'] as (cb: (...a: unknown[]) => void) => () => void;
    const seen: unknown[][] = [];
    const off = onEvent((...args) => seen.push(args));
    const ev = { type: 'tokens-changed' };
    ipcRenderer.emitter.emit('admin:event', { sender: 'SECRET-SENDER' }, ev);
    expect(seen).toEqual([[ev]]);
    off();
    ipcRenderer.emitter.emit('admin:event', {}, ev);
    expect(seen).toHaveLength(1);
    expect(ipcRenderer.emitter.listenerCount('admin:event')).toBe(0);
  });

  it('onEvent refuses a non-function', () => {
    const onEvent = bridge['onEvent'] as (cb: unknown) => unknown;
    expect(() => onEvent('nope')).toThrow(TypeError);
  });
});
