import type { Role } from '../../gql/graphql';

/** The roles, most first, in the words the Team page uses (the server's Role descriptions, shortened). */
export const ROLES: ReadonlyArray<{ value: Role; label: string; description: string }> = [
  { value: 'OWNER', label: 'Owner', description: 'Everything, including who owns the organization.' },
  { value: 'ADMIN', label: 'Admin', description: 'Everything but ownership: people, settings, integrations.' },
  { value: 'BILLING', label: 'Billing', description: 'Clients, invoices, payments and time approval.' },
  { value: 'TECHNICIAN', label: 'Technician', description: 'Their own time and tickets.' },
];

export const roleLabel = (role: Role): string => ROLES.find((r) => r.value === role)?.label ?? role;

/** The roles `viewer` may give (the server's rule: never above one's own; only an owner makes an owner). */
export const rolesGivenBy = (viewer: Role) => ROLES.filter((r) => viewer === 'OWNER' || r.value !== 'OWNER');
