/**
 * The custom schema from the console's side (admin API getCustomSchema/setCustomSchema): what
 * the console defines is what SCIM clients see, and the same refusals apply.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CustomAttribute } from '../../server/admin/contract';
import { createAdminService, type AdminService } from '../../server/admin/service';
import { startTestServer, type TestServer } from '../support/scim-server';
import { createUser, json, type Json } from '../support/scim-client';

const TENANT = 'urn:ietf:params:scim:schemas:extension:tenant:2.0:User';
const attr = (name: string, extra: Partial<CustomAttribute> = {}): CustomAttribute => ({
  name,
  type: 'string',
  multiValued: false,
  required: false,
  caseExact: false,
  mutability: 'readWrite',
  returned: 'default',
  uniqueness: 'none',
  description: '',
  ...extra,
});

describe('custom schema through the admin API', () => {
  let s: TestServer;
  let admin: AdminService;
  beforeAll(async () => {
    s = await startTestServer({ profile: 'netskope' });
    admin = createAdminService(s.core);
  });
  afterAll(async () => {
    admin.dispose();
    await s.close();
  });

  it('define in the console, store and return over SCIM, refuse in-use changes, delete', async () => {
    expect(await admin.getCustomSchema()).toBeNull();
    const view = await admin.setCustomSchema({
      schema: {
        name: 'Acme',
        description: 'd',
        attributes: [attr('region'), attr('level', { type: 'integer' })],
      },
    });
    expect(view?.attributes.map((a) => a.name)).toEqual(['region', 'level']);
    const served = await json(await s.scim(`/Schemas/${TENANT}`));
    expect((served['attributes'] as Json[]).map((a) => a['name'])).toEqual(['region', 'level']);
    const u = await createUser(s, 'console.custom@example.com', { [TENANT]: { region: 'EMEA' } });
    expect(u[TENANT]).toEqual({ region: 'EMEA' });
    expect((await admin.getCustomSchema())?.inUse).toEqual(['region']);
    await expect(
      admin.setCustomSchema({
        schema: { name: 'Acme', description: 'd', attributes: [attr('level', { type: 'integer' })] },
      }),
    ).rejects.toMatchObject({
      code: 'invalid-input',
      message: expect.stringContaining('Attribute is in Use'),
    });
    await expect(admin.setCustomSchema({ schema: null })).rejects.toMatchObject({ code: 'invalid-input' });
    await expect(
      admin.setCustomSchema({ schema: { name: 'Acme', description: 'd', attributes: [attr('9x')] } }),
    ).rejects.toMatchObject({ code: 'invalid-input' });
    expect((await s.scim(`/Users/${String(u['id'])}`, { method: 'DELETE' })).status).toBe(204);
    expect(await admin.setCustomSchema({ schema: null })).toBeNull();
    expect((await s.scim(`/Schemas/${TENANT}`)).status).toBe(404);
  });
});
