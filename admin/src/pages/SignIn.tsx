import { useState, type FormEvent } from 'react';
import { Alert, Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation } from '@apollo/client/react';
import { graphql } from '../gql';
import { apiError, type FormFailure } from '@settle/web-kit/errors';
import { reconnectSubscriptions } from '../apollo';
import { FormError } from '../components/FormError';
import { bindText } from '@settle/web-kit/fields';

const LoginMutation = graphql(`
  mutation AdminLogin($email: String!, $password: String!, $organizationSlug: String) {
    login(email: $email, password: $password, organizationSlug: $organizationSlug) {
      me { kind }
    }
  }
`);

export function SignIn({ onSignedIn, notice }: { onSignedIn: () => void; notice?: string }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  // Asked for only when the email is staff at several organizations with this password.
  const [slug, setSlug] = useState('');
  const [askOrg, setAskOrg] = useState(false);
  const [failure, setFailure] = useState<FormFailure | null>(null);
  const [login, { loading }] = useMutation(LoginMutation);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setFailure(null);
    try {
      await login({
        variables: { email: email.trim(), password, organizationSlug: askOrg && slug.trim() ? slug.trim() : null },
      });
      reconnectSubscriptions();
      onSignedIn();
    } catch (err) {
      const info = apiError(err);
      if (info.fields.organizationSlug) setAskOrg(true);
      setFailure(info);
    }
  }

  return (
    <Center mih="100vh" bg="gray.0">
      <Paper withBorder shadow="sm" p="xl" w={380} radius="md">
        <form onSubmit={(e) => void submit(e)}>
          <Stack>
            <div>
              <Title order={3}>Settle admin</Title>
              <Text c="dimmed" size="sm">
                Sign in to manage billing.
              </Text>
            </div>
            {notice && <Alert color="yellow">{notice}</Alert>}
            <FormError failure={failure} fields={['email', 'password', 'organizationSlug']} />
            <TextInput
              label="Email"
              name="email"
              type="email"
              autoComplete="username"
              required
              {...bindText(email, setEmail, failure?.fields.email)}
            />
            <PasswordInput
              label="Password"
              name="password"
              autoComplete="current-password"
              required
              {...bindText(password, setPassword, failure?.fields.password)}
            />
            {askOrg && (
              <TextInput
                label="Organization"
                description="Its short name (slug), as in your sign-in link"
                name="organization"
                required
                {...bindText(slug, setSlug, failure?.fields.organizationSlug)}
              />
            )}
            <Button type="submit" loading={loading} fullWidth>
              Sign in
            </Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
