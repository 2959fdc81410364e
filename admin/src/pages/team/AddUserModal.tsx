import { useState } from 'react';
import { Modal, PasswordInput, Select, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@apollo/client/react';
import { useRequestKey } from '@settle/web-kit/request-key';
import { bindText } from '@settle/web-kit/fields';
import type { Role } from '../../gql/graphql';
import { FormError } from '../../components/FormError';
import { ModalActions, type ActionModalProps } from '../../components/ModalActions';
import { useFormFailure } from '../../lib/actions';
import { useViewer } from '../../lib/role';
import { AddUserMutation, TeamQuery } from './team-documents';
import { ROLES, rolesGivenBy } from './team-roles';

/** The server's rule for a first password (createUser): 10 to 200 characters. */
const MIN_PASSWORD = 10;

/**
 * Adds a staff user with a first password. The dialog's request key goes with every submit, so a second
 * click after a lost answer gets the user back instead of "a user with this email already exists".
 */
export function AddUserModal({ opened, onClose }: ActionModalProps) {
  const { role: viewerRole } = useViewer();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('TECHNICIAN');
  const [password, setPassword] = useState('');
  const requestKey = useRequestKey(opened);
  const { failure, setFailure, attempt } = useFormFailure({
    name: 'Name',
    email: 'Email',
    role: 'Role',
    password: 'First password',
  });
  const [add, { loading }] = useMutation(AddUserMutation, { refetchQueries: [TeamQuery] });

  function close() {
    setName('');
    setEmail('');
    setRole('TECHNICIAN');
    setPassword('');
    setFailure(null);
    onClose();
  }

  async function submit() {
    if (password.length < MIN_PASSWORD) {
      const message = `Use at least ${MIN_PASSWORD} characters`;
      setFailure({ message, fields: { password: message } });
      return;
    }
    await attempt(async () => {
      await add({
        variables: { input: { name: name.trim(), email: email.trim(), role, password }, idempotencyKey: requestKey },
      });
      notifications.show({ color: 'green', message: `Added ${email.trim()}` });
      close();
    });
  }

  const f = failure?.fields ?? {};
  return (
    <Modal opened={opened} onClose={close} title="Add a user">
      <Stack>
        <FormError failure={failure} fields={['name', 'email', 'role', 'password']} />
        <TextInput label="Name" required autoComplete="off" {...bindText(name, setName, f.name)} />
        <TextInput
          label="Email"
          type="email"
          required
          autoComplete="off"
          description="They sign in with it."
          {...bindText(email, setEmail, f.email)}
        />
        <Select
          label="Role"
          description={ROLES.find((r) => r.value === role)?.description}
          data={rolesGivenBy(viewerRole).map((r) => ({ value: r.value, label: r.label }))}
          value={role}
          allowDeselect={false}
          onChange={(v) => v && setRole(v as Role)}
          error={f.role}
        />
        <PasswordInput
          label="First password"
          required
          autoComplete="new-password"
          description={`At least ${MIN_PASSWORD} characters. Give it to them in person; they can change it later.`}
          {...bindText(password, setPassword, f.password)}
        />
        <ModalActions onCancel={close} onSubmit={() => void submit()} loading={loading}>
          Add user
        </ModalActions>
      </Stack>
    </Modal>
  );
}
