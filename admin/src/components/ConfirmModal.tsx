import type { ReactNode } from 'react';
import { Modal, Stack, Text, type MantineColor } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@apollo/client/react';
import type { InternalRefetchQueriesInclude, OperationVariables, TypedDocumentNode } from '@apollo/client';
import { useFormFailure } from '../lib/actions';
import { FormError } from './FormError';
import { ModalActions, type ActionModalProps } from './ModalActions';

/**
 * A modal that asks before one mutation with nothing to fill in: what it does (`children`), the API's
 * refusal if it refuses, then Cancel and the action. Once the mutation went through, the `done`
 * notification shows and the modal closes; refused, it stays open with the API's message.
 */
export function ConfirmModal<Variables extends OperationVariables>({
  opened,
  onClose,
  title,
  children,
  mutation,
  variables,
  refetchQueries,
  done,
  action,
  color,
}: ActionModalProps & {
  title: ReactNode;
  children: ReactNode;
  mutation: TypedDocumentNode<unknown, Variables>;
  variables: Variables;
  refetchQueries?: InternalRefetchQueriesInclude;
  done: { message: string; color?: MantineColor };
  /** The action button's words. */
  action: ReactNode;
  /** The action button's color (red or orange for what cannot be undone). */
  color?: MantineColor;
}) {
  const { failure, attempt } = useFormFailure();
  const [mutate, { loading }] = useMutation(mutation, { refetchQueries });
  async function submit() {
    await attempt(async () => {
      await mutate({ variables });
      notifications.show(done);
      onClose();
    });
  }
  return (
    <Modal opened={opened} onClose={onClose} title={title}>
      <Stack>
        <Text size="sm">{children}</Text>
        <FormError failure={failure} />
        <ModalActions onCancel={onClose} onSubmit={() => void submit()} loading={loading} color={color}>
          {action}
        </ModalActions>
      </Stack>
    </Modal>
  );
}
