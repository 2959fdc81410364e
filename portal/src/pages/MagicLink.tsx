import { useMutation } from '@apollo/client/react';
import { Alert, Anchor, Button, Stack } from '@mantine/core';
import { Link, useNavigate } from 'react-router';
import { LoginWithMagicLinkMutation } from '../documents';
import { sessionChanged } from '../lib/apollo';
import { apiErrorOrNull } from '@settle/web-kit/errors';
import { useQueryParam } from '../lib/use-next';
import { AuthCard } from '../components/AuthCard';

/**
 * /magic?token=…: the link is single-use, so it is redeemed only when the person presses Sign in, never on
 * load. Mail scanners (Safe Links and the like) open every link in a browser of their own, scripts and
 * all: a link spent on load was spent by the scanner, and its person was told "does not work" every
 * time. A press also keeps a link someone else sent from signing this browser into their account unseen.
 */
export default function MagicLink() {
  const token = useQueryParam('token') ?? '';
  const navigate = useNavigate();
  const [redeem, { error, loading }] = useMutation(LoginWithMagicLinkMutation);

  async function signIn() {
    const r = await redeem({ variables: { token } }).catch(() => null);
    if (!r?.data) return;
    await sessionChanged();
    void navigate('/', { replace: true });
  }

  const problem = apiErrorOrNull(error);
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
  return (
    <AuthCard
      title="Sign in to your billing portal"
      subtitle="This link from your email signs you in on this device. It works once."
    >
      <Button onClick={() => void signIn()} loading={loading} fullWidth>
        Sign in
      </Button>
    </AuthCard>
  );
}
