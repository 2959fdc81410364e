import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Button, PasswordInput, Stack } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { AcceptInviteMutation, SignInLinkQuery } from '../documents';
import { sessionChanged } from '../lib/apollo';
import { apiErrorOrNull } from '@settle/web-kit/errors';
import { useQueryParam } from '../lib/use-next';
import { AuthCard } from '../components/AuthCard';
import { bindText } from '@settle/web-kit/fields';

/**
 * /accept-invite?token=…: choose a password, then straight into the portal. The page names the account
 * and business first (`signInLink`), so an invitation someone forwarded for their own account is not
 * taken for one's own.
 */
export default function AcceptInvite() {
  const token = useQueryParam('token') ?? '';
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const navigate = useNavigate();
  const [accept, { loading, error }] = useMutation(AcceptInviteMutation);
  const link = useQuery(SignInLinkQuery, { variables: { token }, skip: !token, fetchPolicy: 'network-only' });
  const account = link.data?.signInLink;
  const problem = apiErrorOrNull(error ?? link.error);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setMismatch(password !== confirm);
    if (password !== confirm) return;
    const r = await accept({ variables: { token, password } }).catch(() => null);
    if (r?.data) {
      await sessionChanged();
      void navigate('/', { replace: true });
    }
  }

  if (!token) {
    return (
      <AuthCard title="Invitation link incomplete">
        <Alert color="red">This link has no invitation token. Open the link from your invitation email again.</Alert>
      </AuthCard>
    );
  }
  return (
    <AuthCard
      title="Welcome! Choose a password"
      subtitle={
        account
          ? `For ${account.email} at ${account.organizationName}: you will use it with this email to sign in to the billing portal.`
          : 'You will use it with your email to sign in to the billing portal.'
      }
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          {problem?.fields.token ? (
            <Alert color="red" role="alert">
              {problem.fields.token}
            </Alert>
          ) : null}
          {problem?.formMessage ? (
            <Alert color="red" role="alert">
              {problem.formMessage}
            </Alert>
          ) : null}
          <PasswordInput
            label="Password"
            description="At least 8 characters"
            autoComplete="new-password"
            {...bindText(password, setPassword, problem?.fields.password)}
            name="password"
          />
          <PasswordInput
            label="Repeat password"
            autoComplete="new-password"
            {...bindText(confirm, setConfirm, mismatch ? 'The passwords differ' : undefined)}
            name="confirm"
          />
          <Button type="submit" loading={loading} fullWidth>
            Set password and continue
          </Button>
        </Stack>
      </form>
    </AuthCard>
  );
}
