import type { Client } from './client.entity.js';

/**
 * Whether the client's people can sign in to the portal. Archiving a client signs its portal users out and
 * refuses their sign-in (auth.service.ts session lookup, migration 0039), yet what it was issued before is
 * still owed, resent, reminded and charged: the emails about it link to the portal only while this holds,
 * so a paying client is never sent to a refused sign-in.
 */
export const portalOpenTo = (client: Pick<Client, 'archivedAt'>): boolean => !client.archivedAt;
