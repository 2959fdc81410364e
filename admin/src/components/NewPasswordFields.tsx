import { PasswordInput } from '@mantine/core';
import type { bindText } from '@settle/web-kit/fields';

type Bound = ReturnType<typeof bindText>;

/** The failure to show when the two entries of a new password differ (checked before anything is sent). */
export function passwordsDiffer(form: { newPassword: string; confirm: string }) {
  if (form.newPassword === form.confirm) return null;
  return { message: 'The new passwords differ', fields: { confirm: 'The new passwords differ' } };
}

/** A new password and its repetition, as the change and reset forms ask them (the server checks the rule). */
export function NewPasswordFields({ field }: { field: (name: 'newPassword' | 'confirm') => Bound }) {
  return (
    <>
      <PasswordInput
        label="New password"
        description="At least 10 characters"
        name="newPassword"
        autoComplete="new-password"
        required
        {...field('newPassword')}
      />
      <PasswordInput
        label="Repeat the new password"
        name="confirm"
        autoComplete="new-password"
        required
        {...field('confirm')}
      />
    </>
  );
}
