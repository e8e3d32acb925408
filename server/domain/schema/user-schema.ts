/**
 * The core User schema, `urn:ietf:params:scim:schemas:core:2.0:User`, with every attribute of
 * RFC 7643 §4.1 and the characteristics its §8.7.1 representation gives them.
 */
import { attr, complex, multiValuedParts } from './build';
import type { SchemaDef } from './types';

export const USER_SCHEMA_ID = 'urn:ietf:params:scim:schemas:core:2.0:User';

const s = (name: string, description: string): ReturnType<typeof attr> => attr(name, 'string', description);

/** RFC 7643 §4.1.1 `name`. */
const name = complex('name', "The components of the user's real name.", [
  s(
    'formatted',
    "The full name, including all middle names, titles, and suffixes as appropriate, formatted for display (e.g., 'Ms. Barbara J Jensen, III').",
  ),
  s(
    'familyName',
    "The family name of the User, or last name in most Western languages (e.g., 'Jensen' given the full name 'Ms. Barbara J Jensen, III').",
  ),
  s(
    'givenName',
    "The given name of the User, or first name in most Western languages (e.g., 'Barbara' given the full name 'Ms. Barbara J Jensen, III').",
  ),
  s(
    'middleName',
    "The middle name(s) of the User (e.g., 'Jane' given the full name 'Ms. Barbara J Jensen, III').",
  ),
  s(
    'honorificPrefix',
    "The honorific prefix(es) of the User, or title in most Western languages (e.g., 'Ms.' given the full name 'Ms. Barbara J Jensen, III').",
  ),
  s(
    'honorificSuffix',
    "The honorific suffix(es) of the User, or suffix in most Western languages (e.g., 'III' given the full name 'Ms. Barbara J Jensen, III').",
  ),
]);

/** RFC 7643 §4.1.2 multi-valued attributes. */
const emails = complex(
  'emails',
  "Email addresses for the user. The value SHOULD be canonicalized by the service provider, e.g., 'bjensen@example.com' instead of 'bjensen@EXAMPLE.COM'.",
  multiValuedParts('email address', ['work', 'home', 'other']),
  { multiValued: true },
);
const phoneNumbers = complex(
  'phoneNumbers',
  "Phone numbers for the User. The value SHOULD be canonicalized by the service provider according to the format specified in RFC 3966, e.g., 'tel:+1-201-555-0123'.",
  multiValuedParts('phone number', ['work', 'home', 'mobile', 'fax', 'pager', 'other']),
  { multiValued: true },
);
const ims = complex(
  'ims',
  'Instant messaging addresses for the User.',
  multiValuedParts('instant messaging address', [
    'aim',
    'gtalk',
    'icq',
    'xmpp',
    'msn',
    'skype',
    'qq',
    'yahoo',
  ]),
  { multiValued: true },
);
const photos = complex(
  'photos',
  'URLs of photos of the User.',
  multiValuedParts(
    'photo',
    ['photo', 'thumbnail'],
    attr('value', 'reference', 'URL of a photo of the User.', { referenceTypes: ['external'] }),
  ),
  { multiValued: true },
);
const addresses = complex(
  'addresses',
  'A physical mailing address for this User.',
  [
    s(
      'formatted',
      'The full mailing address, formatted for display or use with a mailing label. This attribute MAY contain newlines.',
    ),
    s(
      'streetAddress',
      'The full street address component, which may include house number, street name, P.O. box, and multi-line extended street address information. This attribute MAY contain newlines.',
    ),
    s('locality', 'The city or locality component.'),
    s('region', 'The state or region component.'),
    s('postalCode', 'The zip code or postal code component.'),
    s('country', 'The country name component.'),
    attr('type', 'string', "A label indicating the address's function, e.g., 'work' or 'home'.", {
      canonicalValues: ['work', 'home', 'other'],
    }),
    attr(
      'primary',
      'boolean',
      "A Boolean value indicating the 'primary' or preferred address (RFC 7643 §4.1.2).",
    ),
  ],
  { multiValued: true },
);
/** RFC 7643 §4.1.2 `groups`: read-only, the service provider derives it from group membership. */
const groups = complex(
  'groups',
  'A list of groups to which the user belongs, either through direct membership, through nested groups, or dynamically calculated.',
  [
    attr('value', 'string', "The identifier of the User's group.", { mutability: 'readOnly' }),
    attr('$ref', 'reference', "The URI of the corresponding 'Group' resource to which the user belongs.", {
      referenceTypes: ['User', 'Group'],
      mutability: 'readOnly',
    }),
    attr('display', 'string', 'A human-readable name, primarily used for display purposes.', {
      mutability: 'readOnly',
    }),
    attr('type', 'string', "A label indicating the attribute's function, e.g., 'direct' or 'indirect'.", {
      canonicalValues: ['direct', 'indirect'],
      mutability: 'readOnly',
    }),
  ],
  { multiValued: true, mutability: 'readOnly' },
);
const entitlements = complex(
  'entitlements',
  'A list of entitlements for the User that represent a thing the User has.',
  multiValuedParts('entitlement', undefined),
  {
    multiValued: true,
  },
);
const roles = complex(
  'roles',
  'A list of roles for the User that collectively represent who the User is, e.g., "Student", "Faculty".',
  multiValuedParts('role', undefined),
  {
    multiValued: true,
  },
);
const x509Certificates = complex(
  'x509Certificates',
  'A list of certificates issued to the User.',
  multiValuedParts('certificate', undefined, attr('value', 'binary', 'The value of an X.509 certificate.')),
  { multiValued: true },
);

/** The core User schema (RFC 7643 §4.1, §8.7.1). */
export const USER_SCHEMA: SchemaDef = {
  id: USER_SCHEMA_ID,
  name: 'User',
  description: 'User Account',
  attributes: [
    attr(
      'userName',
      'string',
      "Unique identifier for the User, typically used by the user to directly authenticate to the service provider. Each User MUST include a non-empty userName value. This identifier MUST be unique across the service provider's entire set of Users. REQUIRED.",
      {
        required: true,
        uniqueness: 'server',
      },
    ),
    name,
    s(
      'displayName',
      'The name of the User, suitable for display to end-users. The name SHOULD be the full name of the User being described, if known.',
    ),
    s(
      'nickName',
      "The casual way to address the user in real life, e.g., 'Bob' or 'Bobby' instead of 'Robert'. This attribute SHOULD NOT be used to represent a User's username (e.g., 'bjensen' or 'mpepperidge').",
    ),
    attr(
      'profileUrl',
      'reference',
      "A fully qualified URL pointing to a page representing the User's online profile.",
      {
        referenceTypes: ['external'],
      },
    ),
    s('title', 'The user\'s title, such as "Vice President."'),
    s(
      'userType',
      "Used to identify the relationship between the organization and the user. Typical values used might be 'Contractor', 'Employee', 'Intern', 'Temp', 'External', and 'Unknown', but any value may be used.",
    ),
    s(
      'preferredLanguage',
      "Indicates the User's preferred written or spoken language. Generally used for selecting a localized user interface; e.g., 'en_US' specifies the language English and country US.",
    ),
    s(
      'locale',
      "Used to indicate the User's default location for purposes of localizing items such as currency, date time format, or numerical representations.",
    ),
    s(
      'timezone',
      "The User's time zone in the 'Olson' time zone database format, e.g., 'America/Los_Angeles'.",
    ),
    attr('active', 'boolean', "A Boolean value indicating the User's administrative status."),
    // RFC 7643 §4.1.1: the password is never returned and can only be written.
    attr(
      'password',
      'string',
      "The User's cleartext password. This attribute is intended to be used as a means to specify an initial password when creating a new User or to reset an existing User's password.",
      {
        mutability: 'writeOnly',
        returned: 'never',
      },
    ),
    emails,
    phoneNumbers,
    ims,
    photos,
    addresses,
    groups,
    entitlements,
    roles,
    x509Certificates,
  ],
};
