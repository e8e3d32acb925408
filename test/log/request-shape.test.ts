/**
 * The classifier reads a request's route from its path. A path with a malformed percent escape
 * is refused by the SCIM routes with a SCIM 400; classifying it must not throw (it used to reject
 * the answer step's promise with a URIError, found by okta-quirks Q19).
 */
import { describe, expect, it } from 'vitest';
import { routeOf } from '../../server/log/actions/request-shape';

describe('routeOf', () => {
  it('decodes an escaped id', () => {
    expect(routeOf('/api/v2/scim/Users/a%20b')).toEqual({ collection: 'Users', id: 'a b' });
  });

  it('keeps a malformed escape as sent instead of throwing', () => {
    expect(routeOf('/api/v2/scim/Users/%E0%A4%A')).toEqual({ collection: 'Users', id: '%E0%A4%A' });
  });
});
