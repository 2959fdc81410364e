import { createContext, useContext } from 'react';
import type { Role } from '../gql/graphql';

/**
 * What the signed-in person may do, mirroring the server's access levels (graphql/access-policy.ts):
 * technicians log time, billing staff bill, admins and owners set up. Screens hide what the role may not
 * use instead of offering it and showing "your role cannot do that".
 */
export type StaffLevel = 'TECHNICIAN' | 'BILLING' | 'ADMIN';

const ROLE_RANK: Record<Role, number> = { TECHNICIAN: 1, BILLING: 2, ADMIN: 3, OWNER: 3 };
const LEVEL_RANK: Record<StaffLevel, number> = { TECHNICIAN: 1, BILLING: 2, ADMIN: 3 };

export interface Viewer {
  /** The signed-in user's id (null for an API token session). */
  userId: string | null;
  role: Role;
}

export function reaches(role: Role, level: StaffLevel): boolean {
  return ROLE_RANK[role] >= LEVEL_RANK[level];
}

export const ViewerContext = createContext<Viewer>({ userId: null, role: 'TECHNICIAN' });

export function useViewer(): Viewer & { can: (level: StaffLevel) => boolean } {
  const viewer = useContext(ViewerContext);
  return { ...viewer, can: (level) => reaches(viewer.role, level) };
}
