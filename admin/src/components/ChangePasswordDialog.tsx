import { useState } from 'react';
import { Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@apollo/client/react';
import { graphql } from '../gql';
import { apiError, type FormFailure } from '@settle/web-kit/errors';
import { bindFields } from '@settle/web-kit/fields';
import { NewPasswordFields, passwordsDiffer } from './NewPasswordFields';
import { FormError } from './FormError';
import { ModalActions, type ActionModalProps } from './ModalActions';

const ChangePasswordMutation = graphql(`
  mutation AdminChangePassword($currentPassword: String!, $newPassword: String!) {
    changePassword(currentPassword: $currentPassword, newPassword: $newPassword)
  }
`);

const EMPTY = { currentPassword: '', newPassword: '', confirm: '' };

/** The account menu's 'Change password…': the current password, then the new one twice. */
export function ChangePasswordDialog({ opened, onClose }: ActionModalProps) {
  const [form, setForm] = useState(EMPTY);
  const [failure, setFailure] = useState<FormFailure | null>(null);
  const [change, { loading }] = useMutation(ChangePasswordMutation);
  const field = bindFields(form, setForm, failure?.fields);

  function close() {
    setForm(EMPTY);
    setFailure(null);
    onClose();
  }

  async function submit() {
    const differ = passwordsDiffer(form);
    if (differ) return setFailure(differ);
    setFailure(null);
    try {
      await change({ variables: { currentPassword: form.currentPassword, newPassword: form.newPassword } });
      notifications.show({ color: 'green', message: 'Password changed. Your other devices were signed out.' });
      close();
    } catch (err) {
      setFailure(apiError(err));
    }
  }

  return (
    <Modal opened={opened} onClose={close} title="Change password">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Stack>
          <Text size="sm" c="dimmed">
            Every other browser and device signed in to your account is signed out; this one stays.
          </Text>
          <FormError failure={failure} fields={['currentPassword', 'newPassword', 'confirm']} />
          <PasswordInput
            label="Current password"
            name="currentPassword"
            autoComplete="current-password"
            required
            data-autofocus
            {...field('currentPassword')}
          />
          <NewPasswordFields field={field} />
          <ModalActions onCancel={close} onSubmit={() => void submit()} loading={loading}>
            Change password
          </ModalActions>
          <button type="submit" hidden />
        </Stack>
      </form>
    </Modal>
  );
}
