import { useState, type FormEvent } from 'react';
import {
  Alert,
  Anchor,
  Button,
  Center,
  Group,
  Paper,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation } from '@apollo/client/react';
import { graphql } from '../gql';
import { apiError, type FormFailure } from '@settle/web-kit/errors';
import { reconnectSubscriptions } from '../apollo';
import { FormError } from '../components/FormError';
import { usePageTitle } from '@settle/web-kit/page';
import { bindFields } from '@settle/web-kit/fields';
import { ForgotPassword } from './ForgotPassword';

const LoginMutation = graphql(`
  mutation AdminLogin($email: String!, $password: String!, $organizationSlug: String) {
    login(email: $email, password: $password, organizationSlug: $organizationSlug) {
      me { kind }
    }
  }
`);

const ORG_HINT = 'Its short name (slug), as in your sign-in link';

export function SignIn({ onSignedIn, notice }: { onSignedIn: () => void; notice?: string }) {
  // The organization is asked for only when the email is staff at several organizations with this password.
  const [form, setForm] = useState({ email: '', password: '', organizationSlug: '' });
  const [askOrg, setAskOrg] = useState(false);
  const [forgot, setForgot] = useState(false);
  usePageTitle('Sign in', 'Settle admin');
  const [failure, setFailure] = useState<FormFailure | null>(null);
  const [login, { loading }] = useMutation(LoginMutation);
  const field = bindFields(form, setForm, failure?.fields);
  const slug = form.organizationSlug.trim();

  async function submit(e: FormEvent) {
    e.preventDefault();
    setFailure(null);
    try {
      await login({
        variables: {
          email: form.email.trim(),
          password: form.password,
          organizationSlug: askOrg && slug ? slug : null,
        },
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
    <Center component="main" mih="100vh" bg="gray.0">
      <Paper withBorder shadow="sm" p="xl" w={380} radius="md">
        {forgot ? (
          <ForgotPassword initialEmail={form.email.trim()} onBack={() => setForgot(false)} />
        ) : (
          <form onSubmit={(e) => void submit(e)}>
            <Stack>
              <div>
                <Title order={1} size="h3">
                  Settle admin
                </Title>
                <Text c="dimmed" size="sm">
                  Sign in to manage billing.
                </Text>
              </div>
              {notice && <Alert color="yellow">{notice}</Alert>}
              <FormError failure={failure} fields={['email', 'password', 'organizationSlug']} />
              <TextInput label="Email" name="email" type="email" autoComplete="username" required {...field('email')} />
              <PasswordInput
                label="Password"
                name="password"
                autoComplete="current-password"
                required
                {...field('password')}
              />
              {askOrg && (
                <TextInput
                  label="Organization"
                  description={ORG_HINT}
                  name="organization"
                  required
                  {...field('organizationSlug')}
                />
              )}
              <Button type="submit" loading={loading} fullWidth>
                Sign in
              </Button>
              <Group justify="center">
                <Anchor component="button" type="button" size="sm" onClick={() => setForgot(true)}>
                  Forgot password?
                </Anchor>
              </Group>
            </Stack>
          </form>
        )}
      </Paper>
    </Center>
  );
}
