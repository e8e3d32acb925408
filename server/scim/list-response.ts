/**
 * The ListResponse envelope (RFC 7644 §3.4.2), built in one place for /Users, /Groups and the
 * discovery lists: from resource objects, or from resources already serialised (groups with
 * members come as UTF-8 bytes assembled by SQLite, see GroupsRepo.membersJsonBytes).
 */
import type { Reply } from './reply';
import { LIST_URN } from './urns';

export function listResponse(totalResults: number, startIndex: number, resources: unknown[]): Reply {
  return {
    status: 200,
    body: {
      schemas: [LIST_URN],
      totalResults,
      startIndex,
      itemsPerPage: resources.length,
      Resources: resources,
    },
  };
}

/** The same envelope around resources given as JSON text or bytes, without parsing them again. */
export function listResponseJson(
  totalResults: number,
  startIndex: number,
  items: (string | Buffer)[],
): Reply {
  const head = JSON.stringify({ schemas: [LIST_URN], totalResults, startIndex, itemsPerPage: items.length });
  const open = `${head.slice(0, -1)},"Resources":[`;
  if (items.every((i) => typeof i === 'string')) return { status: 200, json: `${open}${items.join(',')}]}` };
  const parts: Buffer[] = [Buffer.from(open)];
  items.forEach((item, i) =>
    parts.push(Buffer.from(i ? ',' : ''), typeof item === 'string' ? Buffer.from(item) : item),
  );
  parts.push(Buffer.from(']}'));
  return { status: 200, json: Buffer.concat(parts) };
}
