import { useState, type FormEvent } from 'react';
import { Alert, Anchor, Button, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation } from '@apollo/client/react';
import { graphql } from '../gql';
import { apiError, type FormFailure } from '@settle/web-kit/errors';
import { bindText } from '@settle/web-kit/fields';
import { FormError } from '../components/FormError';

const RequestPasswordResetMutation = graphql(`
  mutation AdminRequestPasswordReset($email: String!) {
    requestPasswordReset(email: $email)
  }
`);

/**
 * The sign-in card's 'Forgot password?': asks for the email and says the same whatever the address (the
 * server answers alike for an unknown one, so nobody learns who is staff here).
 */
export function ForgotPassword({ initialEmail, onBack }: { initialEmail: string; onBack: () => void }) {
  const [email, setEmail] = useState(initialEmail);
  const [sent, setSent] = useState(false);
  const [failure, setFailure] = useState<FormFailure | null>(null);
  const [request, { loading }] = useMutation(RequestPasswordResetMutation);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setFailure(null);
    try {
      await request({ variables: { email: email.trim() } });
      setSent(true);
    } catch (err) {
      setFailure(apiError(err));
    }
  }

  const back = (
    <Anchor component="button" type="button" size="sm" onClick={onBack}>
      Back to sign in
    </Anchor>
  );
  return (
    <Stack>
      <div>
        <Title order={1} size="h3">
          Forgot password?
        </Title>
        <Text c="dimmed" size="sm">
          We email you a link to choose a new one.
        </Text>
      </div>
      {sent ? (
        <>
          <Alert color="teal" role="status">
            If that address has an account, we sent a link. It works once, for 30 minutes.
          </Alert>
          {back}
        </>
      ) : (
        <form onSubmit={(e) => void submit(e)}>
          <Stack>
            <FormError failure={failure} fields={['email']} />
            <TextInput
              label="Email"
              name="email"
              type="email"
              autoComplete="username"
              required
              {...bindText(email, setEmail, failure?.fields.email)}
            />
            <Button type="submit" loading={loading} fullWidth>
              Email me a link
            </Button>
            {back}
          </Stack>
        </form>
      )}
    </Stack>
  );
}
