import { CombinedGraphQLErrors } from '@apollo/client';
import { useMutation } from '@apollo/client/react';
import { Alert, Anchor, Button, PasswordInput, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { PortalLoginMutation, RequestMagicLinkMutation } from '../documents';
import { sessionChanged } from '../lib/apollo';
import { apiErrorOrNull } from '@settle/web-kit/errors';
import { useNextPath, useQueryParam } from '../lib/use-next';
import { AuthCard } from '../components/AuthCard';
import { bindText } from '@settle/web-kit/fields';

/** The businesses the API asks to choose between when one email and password open several. */
function organizationChoices(error: unknown): Array<{ slug: string; name: string }> {
  if (!CombinedGraphQLErrors.is(error)) return [];
  const asked = error.errors.find((e) => e.extensions?.field === 'organizationSlug')?.extensions?.organizations;
  return Array.isArray(asked) ? (asked as Array<{ slug: string; name: string }>) : [];
}

/** Sign in with a password, or ask for a one-time link by email. `?org=slug` picks the business. */
export function SignIn() {
  const [mode, setMode] = useState<'password' | 'magic'>('password');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  // Fields left empty are named under themselves, before anything is sent (the server could only answer that
  // "email or password is incorrect", or that a link is on its way to no address).
  const [missing, setMissing] = useState<{ email?: string; password?: string }>({});
  const organizationSlug = useQueryParam('org') ?? undefined;
  const next = useNextPath();
  const navigate = useNavigate();
  const [login, loginState] = useMutation(PortalLoginMutation);
  const [requestLink, linkState] = useMutation(RequestMagicLinkMutation);
  const problem = apiErrorOrNull(mode === 'password' ? loginState.error : linkState.error);
  const choices = mode === 'password' ? organizationChoices(loginState.error) : [];
  /** A field's binding: typing in it clears its "Enter your …"; its message is that or the server's. */
  const bindField = (name: 'email' | 'password', value: string, set: (v: string) => void) =>
    bindText(
      value,
      (v) => {
        set(v);
        setMissing((m) => ({ ...m, [name]: undefined }));
      },
      missing[name] ?? problem?.fields[name],
    );

  async function signIn(slug = organizationSlug) {
    const r = await login({ variables: { email, password, organizationSlug: slug } }).catch(() => null);
    if (r?.data) {
      await sessionChanged();
      void navigate(next, { replace: true });
    }
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    const empty = {
      email: email.trim() ? undefined : 'Enter your email',
      password: mode === 'password' && !password ? 'Enter your password' : undefined,
    };
    setMissing(empty);
    if (empty.email || empty.password) return;
    if (mode === 'password') {
      await signIn();
    } else {
      await requestLink({ variables: { email, organizationSlug } }).catch(() => null);
    }
  }

  const linkSent = mode === 'magic' && linkState.data?.requestMagicLink;
  return (
    <AuthCard title="Sign in to your billing portal" subtitle="See your invoices and pay them online.">
      <SegmentedControl
        fullWidth
        value={mode}
        onChange={(v) => setMode(v as 'password' | 'magic')}
        data={[
          { value: 'password', label: 'Password' },
          { value: 'magic', label: 'Email me a link' },
        ]}
      />
      {linkSent ? (
        <Alert color="teal" title="Check your email" data-testid="magic-link-sent">
          If {email} has access to a billing portal, a sign-in link is on its way. It works once and expires soon.
        </Alert>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack gap="sm">
            {problem?.formMessage && !missing.email && !missing.password ? (
              <Alert color="red" role="alert" data-testid="form-error">
                {problem.formMessage}
              </Alert>
            ) : null}
            {choices.length ? (
              <Alert color="blue" title="Which business?" data-testid="organization-choice">
                <Stack gap="xs">
                  <Text size="sm">{problem?.fields.organizationSlug}</Text>
                  {choices.map((o) => (
                    <Button
                      key={o.slug}
                      variant="light"
                      onClick={() => void signIn(o.slug)}
                      loading={loginState.loading}
                    >
                      {o.name}
                    </Button>
                  ))}
                </Stack>
              </Alert>
            ) : null}
            <TextInput
              label="Email"
              type="email"
              autoComplete="email"
              required
              {...bindField('email', email, setEmail)}
              name="email"
            />
            {mode === 'password' ? (
              <PasswordInput
                label="Password"
                autoComplete="current-password"
                required
                {...bindField('password', password, setPassword)}
                name="password"
              />
            ) : null}
            <Button type="submit" loading={loginState.loading || linkState.loading} fullWidth>
              {mode === 'password' ? 'Sign in' : 'Send sign-in link'}
            </Button>
          </Stack>
        </form>
      )}
      <Text size="xs" c="dimmed">
        New here? Use the invitation link from your email to set a password{' '}
        <Anchor size="xs" onClick={() => setMode('magic')}>
          or get a sign-in link
        </Anchor>
        .
      </Text>
    </AuthCard>
  );
}
