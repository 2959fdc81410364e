import { createContext, useContext } from 'react';

export interface PortalSession {
  orgName: string;
  userName: string;
  email: string;
  clientId: string;
}

export const SessionContext = createContext<PortalSession | null>(null);

/** The signed-in portal user; only used below the signed-in gate in App. */
export function useSession(): PortalSession {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside the signed-in area');
  return s;
}
