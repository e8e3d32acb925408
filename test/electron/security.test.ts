/** electron/security.ts: navigation, new-window, webview, permission and download guards. */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  FakeSession,
  FakeWebContents,
  app,
  emitCancellable,
  resetElectronMock,
  shell,
} from './electron-mock';

vi.mock('electron', () => import('./electron-mock'));
const sec = await import('../../electron/security');

const TRUSTED = ['app://scimdesk'];

describe('web contents guards', () => {
  beforeEach(() => resetElectronMock());

  it.each(['will-navigate', 'will-redirect', 'will-attach-webview'])('%s is always prevented', (name) => {
    const wc = new FakeWebContents();
    sec.hardenWebContents(wc as never);
    expect(emitCancellable(wc, name, 'https://evil.example/')).toBe(true);
  });

  it.each([
    ['https://developer.okta.com/docs/concepts/scim/', true],
    ['https://docs.netskope.com/en/scim', true],
    ['http://developer.okta.com/', false],
    ['https://evil.example/', false],
    ['https://developer.okta.com.evil.example/', false],
    ['https://user:pw@developer.okta.com/', false],
    ['file:///etc/passwd', false],
    ['javascript:alert(1)', false],
    ['not a url', false],
  ])('new window for %s is denied; opened externally: %s', (url, external) => {
    const wc = new FakeWebContents();
    const open = vi.fn(() => Promise.resolve());
    sec.hardenWebContents(wc as never, open);
    expect(wc.windowOpenHandler?.({ url })).toEqual({ action: 'deny' });
    expect(open).toHaveBeenCalledTimes(external ? 1 : 0);
  });

  it('uses shell.openExternal by default', () => {
    const wc = new FakeWebContents();
    sec.hardenWebContents(wc as never);
    wc.windowOpenHandler?.({ url: 'https://datatracker.ietf.org/doc/html/rfc7644' });
    expect(shell.openExternal).toHaveBeenCalledWith('https://datatracker.ietf.org/doc/html/rfc7644');
  });

  it('applies the guards to every web contents created later', () => {
    sec.hardenAllWebContents();
    const wc = new FakeWebContents();
    app.emit('web-contents-created', {}, wc);
    expect(emitCancellable(wc, 'will-navigate', 'https://evil.example/')).toBe(true);
    expect(wc.windowOpenHandler).not.toBeNull();
  });
});

describe('session guards', () => {
  beforeEach(() => resetElectronMock());

  function request(ses: FakeSession, permission: string, requestingUrl: string): boolean {
    let granted: boolean | undefined;
    ses.permissionRequestHandler?.({}, permission, (g: boolean) => (granted = g), { requestingUrl });
    if (granted === undefined) throw new Error('callback not called');
    return granted;
  }

  it.each([
    'media',
    'geolocation',
    'notifications',
    'clipboard-read',
    'openExternal',
    'fullscreen',
    'unknown',
  ])('denies %s, even to the console', (permission) => {
    const ses = new FakeSession();
    sec.hardenSession(ses as never, TRUSTED);
    expect(request(ses, permission, 'app://scimdesk/index.html')).toBe(false);
    expect(ses.permissionCheckHandler?.(null, permission, 'app://scimdesk')).toBe(false);
  });

  it('grants clipboard writes to the console only', () => {
    const ses = new FakeSession();
    sec.hardenSession(ses as never, TRUSTED);
    expect(request(ses, 'clipboard-sanitized-write', 'app://scimdesk/index.html')).toBe(true);
    expect(request(ses, 'clipboard-sanitized-write', 'https://evil.example/')).toBe(false);
    expect(ses.permissionCheckHandler?.(null, 'clipboard-sanitized-write', 'https://evil.example')).toBe(
      false,
    );
    expect(ses.permissionCheckHandler?.(null, 'clipboard-sanitized-write', 'garbage')).toBe(false);
  });

  it('cancels downloads', () => {
    const ses = new FakeSession();
    sec.hardenSession(ses as never, TRUSTED);
    expect(emitCancellable(ses, 'will-download', {}, {})).toBe(true);
  });
});
