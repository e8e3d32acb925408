/**
 * A short Okta session against a real server (docs/okta.md §2): Test API Credentials, assign
 * (lookup + create), profile push, deactivate, group push with membership (one member not
 * provisioned), a refused duplicate create. Returns the ids it made.
 */
import { addMembers, oktaGroup, oktaUser, pathlessReplace } from '../e2e/okta-bodies';
import type { TestServer } from '../support/scim-server';

export const SECRET_PASSWORD = 'S3cret-Pa55word-never-kept';

export async function oktaSession(srv: TestServer): Promise<{ userId: string; groupId: string }> {
  const ok = async (r: Promise<Response>, status: number): Promise<Record<string, unknown>> => {
    const res = await r;
    // PATCH may answer 200 with the resource or 204 (docs/okta.md §2.4; the netskope profile sends 204).
    if (res.status !== status && !(status === 200 && res.status === 204))
      throw new Error(`expected ${status}, got ${res.status}: ${await res.text()}`);
    return res.status === 204 ? {} : ((await res.json()) as Record<string, unknown>);
  };
  await ok(srv.scim('/Users?startIndex=1&count=2'), 200);
  await ok(
    srv.scim('/Users?filter=userName%20eq%20%22jane.doe%40example.com%22&startIndex=1&count=100'),
    200,
  );
  const user = { ...oktaUser('jane.doe@example.com', 'Jane', 'Doe', '00u1'), password: SECRET_PASSWORD };
  const created = await ok(srv.scim('/Users', { method: 'POST', json: user }), 201);
  const userId = String(created['id']);
  await ok(srv.scim('/Users', { method: 'POST', json: user }), 409);
  const got = await ok(srv.scim(`/Users/${userId}`), 200);
  await ok(
    srv.scim(`/Users/${userId}`, {
      method: 'PUT',
      json: { ...got, name: { givenName: 'Janet', familyName: 'Doe' }, password: SECRET_PASSWORD },
    }),
    200,
  );
  await ok(srv.scim(`/Users/${userId}`, { method: 'PATCH', json: pathlessReplace({ active: false }) }), 200);
  await ok(srv.scim('/Groups?filter=displayName%20eq%20%22Finance%22&startIndex=1&count=100'), 200);
  const group = await ok(srv.scim('/Groups', { method: 'POST', json: oktaGroup('Finance') }), 201);
  const groupId = String(group['id']);
  const res = await srv.scim(`/Groups/${groupId}`, {
    method: 'PATCH',
    json: addMembers([
      { value: userId, display: 'jane.doe@example.com' },
      { value: 'not-provisioned-yet', display: 'late@example.com' },
    ]),
  });
  if (res.status >= 300) throw new Error(`membership PATCH: ${res.status}`);
  return { userId, groupId };
}
