import type { Container } from '../../app/container.js';
import { moduleServices } from '../../app/module-services.js';
import type { ModuleParts } from '../../app/settle-module.js';
import { UserAdminService } from './user-admin.service.js';

const services = moduleServices<UserAdminService>('users');

/** The staff-user administration of a running Settle (its resolvers and tests reach it here). */
export const usersOf = (c: Container): UserAdminService => services.of(c);

export function usersSetup(c: Container): ModuleParts {
  services.set(c, new UserAdminService(c.db, c.audit, c.events));
  return {};
}
