/** Schema and message URNs (RFC 7643 §8.7, RFC 7644 §3; Netskope's extensions, docs/netskope.md §5.2). */
export const USER_URN = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const GROUP_URN = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const ENTERPRISE_URN = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
export const TENANT_URN = 'urn:ietf:params:scim:schemas:extension:tenant:2.0:User';
export const NETSKOPE_URN = 'urn:ietf:params:scim:schemas:extension:netskope:2.0:User';
export const LIST_URN = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
export const PATCH_URN = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
export const SPC_URN = 'urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig';
export const RESOURCE_TYPE_URN = 'urn:ietf:params:scim:schemas:core:2.0:ResourceType';
export const SCHEMA_URN = 'urn:ietf:params:scim:schemas:core:2.0:Schema';
export const USER_EXTENSION_URNS = [ENTERPRISE_URN, TENANT_URN, NETSKOPE_URN] as const;
