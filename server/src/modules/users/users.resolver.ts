import { InputType, Mutation, Resolver } from 'type-graphql';
import { IsEnum } from 'class-validator';
import { IdArg, InputArg } from '../../graphql/args.js';
import { NameText, OptionalField } from '../../graphql/input-rules.js';
import { Staff, type StaffAccess } from '../../graphql/guards.js';
import { forbidden } from '../../platform/errors.js';
import { AdminUserView, RoleEnum } from '../auth/auth.types.js';
import type { Manager } from './user-admin.service.js';
import { usersOf } from './users.services.js';

@InputType({ description: 'What to change of a staff user; what is left out stays as it is.' })
class UpdateUserInput {
  @OptionalField(() => String, 'Their name as the app and the audit trail show it (1 to 200 characters).')
  @NameText(200)
  name?: string;
  @OptionalField(
    () => RoleEnum,
    'What they may do (see Role). Only an owner makes or changes an owner; nobody gives a role above their own or lowers their own.',
  )
  @IsEnum(RoleEnum)
  role?: RoleEnum;
}

/** The staff user who asks: the access rows admit people only (no API token manages people). */
function managerOf({ principal, actor }: StaffAccess): Manager {
  if (principal.kind !== 'user') throw forbidden('API tokens cannot do that; sign in as an admin');
  return { actor, userId: principal.userId };
}

@Resolver()
export class UsersResolver {
  @Mutation(() => AdminUserView, {
    description:
      "Renames a staff user or changes their role (owners and admins). Takes effect on the user's next request. The org keeps at least one enabled owner.",
  })
  async updateUser(
    @IdArg('id', 'The staff user.') id: string,
    @InputArg(() => UpdateUserInput, 'What to change.') input: UpdateUserInput,
    @Staff() staff: StaffAccess,
  ) {
    return AdminUserView.from(await usersOf(staff.container).update(staff.orgId, managerOf(staff), id, input));
  }

  @Mutation(() => AdminUserView, {
    description:
      'Cuts a staff user off at once: their sessions end (live connections close), sign-in refuses them, and the API tokens they made stop working. Not yourself, nor the last enabled owner. Already disabled: no change.',
  })
  async disableUser(@IdArg('id', 'The staff user.') id: string, @Staff() staff: StaffAccess) {
    return AdminUserView.from(await usersOf(staff.container).disable(staff.orgId, managerOf(staff), id));
  }

  @Mutation(() => AdminUserView, {
    description:
      'Lets a disabled staff user sign in again with their password (sessions ended stay ended); their API tokens work again. Not disabled: no change.',
  })
  async enableUser(@IdArg('id', 'The staff user.') id: string, @Staff() staff: StaffAccess) {
    return AdminUserView.from(await usersOf(staff.container).enable(staff.orgId, managerOf(staff), id));
  }
}
