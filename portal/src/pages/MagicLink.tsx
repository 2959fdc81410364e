import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Anchor, Button, Stack, Text } from '@mantine/core';
import { Link, useNavigate } from 'react-router';
import { LoginWithMagicLinkMutation, SignInLinkQuery } from '../documents';
import { sessionChanged } from '../lib/apollo';
import { apiErrorOrNull } from '@settle/web-kit/errors';
import { useQueryParam } from '../lib/use-next';
import { AuthCard } from '../components/AuthCard';
import { Loading } from '../components/States';

/**
 * /magic?token=…: the link is single-use, so it is redeemed only when the person presses Sign in, never on
 * load. Mail scanners (Safe Links and the like) open every link in a browser of their own, scripts and
 * all: a link spent on load was spent by the scanner, and its person was told "does not work" every
 * time. The page first names the account and business the link opens (`signInLink`, which spends
 * nothing), so a link someone else sent for their own account (to have this person type card details
 * into it) is seen for what it is before the press.
 */
export default function MagicLink() {
  const token = useQueryParam('token') ?? '';
  const navigate = useNavigate();
  const link = useQuery(SignInLinkQuery, { variables: { token }, skip: !token, fetchPolicy: 'network-only' });
  const [redeem, { error, loading }] = useMutation(LoginWithMagicLinkMutation);

  async function signIn() {
    const r = await redeem({ variables: { token } }).catch(() => null);
    if (!r?.data) return;
    await sessionChanged();
    void navigate('/', { replace: true });
  }

  const problem = apiErrorOrNull(error ?? link.error);
  if (!token || problem) {
    return (
      <AuthCard title="This sign-in link does not work">
        <Stack gap="sm">
          <Alert color="red" role="alert">
            {problem?.fields.token ?? problem?.formMessage ?? 'The link is incomplete.'}
          </Alert>
          <Anchor component={Link} to="/sign-in">
            Sign in or request a new link
          </Anchor>
        </Stack>
      </AuthCard>
    );
  }
  const account = link.data?.signInLink;
  if (!account) return <Loading />;
  return (
    <AuthCard
      title="Sign in to your billing portal"
      subtitle="This link from your email signs you in on this device. It works once."
    >
      <Text data-testid="sign-in-as" style={{ overflowWrap: 'anywhere' }}>
        Sign in as <strong>{account.email}</strong> to <strong>{account.organizationName}</strong>?
      </Text>
      <Text size="sm" c="dimmed">
        Not your email address? Do not sign in: the link opens someone else&apos;s account.
      </Text>
      <Stack gap="xs">
        <Button onClick={() => void signIn()} loading={loading} fullWidth>
          Sign in
        </Button>
        <Anchor component={Link} to="/sign-in" ta="center" size="sm">
          This is not me
        </Anchor>
      </Stack>
    </AuthCard>
  );
}
