import { useState, type FormEvent } from 'react';
import { Alert, Anchor, Button, Center, Paper, Stack, Text, Title } from '@mantine/core';
import { useMutation } from '@apollo/client/react';
import { useNavigate, useSearchParams } from 'react-router';
import { graphql } from '../gql';
import { apiError, type FormFailure } from '@settle/web-kit/errors';
import { bindFields } from '@settle/web-kit/fields';
import { usePageTitle } from '@settle/web-kit/page';
import { reconnectSubscriptions } from '../apollo';
import { FormError } from '../components/FormError';
import { NewPasswordFields, passwordsDiffer } from '../components/NewPasswordFields';

const ResetPasswordMutation = graphql(`
  mutation AdminResetPassword($token: String!, $newPassword: String!) {
    resetPassword(token: $token, newPassword: $newPassword) {
      me { kind }
    }
  }
`);

/**
 * /reset-password?token=… (the emailed link): choose a new password, then straight in, signed in (every
 * other session of the account ended). Shown signed in or not: the link names the account.
 */
export function ResetPasswordPage({ onSignedIn }: { onSignedIn: () => void }) {
  usePageTitle('Choose a new password', 'Settle admin');
  const token = useSearchParams()[0].get('token') ?? '';
  const navigate = useNavigate();
  const [form, setForm] = useState({ newPassword: '', confirm: '' });
  const [failure, setFailure] = useState<FormFailure | null>(null);
  const [reset, { loading }] = useMutation(ResetPasswordMutation);
  const field = bindFields(form, setForm, failure?.fields);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const differ = passwordsDiffer(form);
    if (differ) return setFailure(differ);
    setFailure(null);
    try {
      await reset({ variables: { token, newPassword: form.newPassword } });
      reconnectSubscriptions();
      void navigate('/', { replace: true });
      onSignedIn();
    } catch (err) {
      setFailure(apiError(err));
    }
  }

  // The sign-in page, where 'Forgot password?' asks for a new link.
  const toSignIn = (
    <Anchor href={import.meta.env.BASE_URL} size="sm">
      Go to sign in
    </Anchor>
  );
  return (
    <Center component="main" mih="100vh" bg="gray.0">
      <Paper withBorder shadow="sm" p="xl" w={380} radius="md">
        <Stack>
          <div>
            <Title order={1} size="h3">
              Choose a new password
            </Title>
            <Text c="dimmed" size="sm">
              Setting it signs you in here and out everywhere else.
            </Text>
          </div>
          {!token ? (
            <>
              <Alert color="red" role="alert">
                This link has no reset token. Open the link from the email again, or ask for a new one with
                &ldquo;Forgot password?&rdquo; on the sign-in page.
              </Alert>
              {toSignIn}
            </>
          ) : (
            <form onSubmit={(e) => void submit(e)}>
              <Stack>
                {failure?.fields.token && (
                  <Alert color="red" role="alert">
                    <Stack gap="xs">
                      <span>{failure.fields.token} with &ldquo;Forgot password?&rdquo; on the sign-in page.</span>
                      {toSignIn}
                    </Stack>
                  </Alert>
                )}
                <FormError failure={failure} fields={['token', 'newPassword', 'confirm']} />
                <NewPasswordFields field={field} />
                <Button type="submit" loading={loading} fullWidth>
                  Set password and sign in
                </Button>
              </Stack>
            </form>
          )}
        </Stack>
      </Paper>
    </Center>
  );
}
