import { useMutation } from '@apollo/client/react';
import { Alert, Anchor, Stack } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { Link, useNavigate } from 'react-router';
import { Loading } from '../components/States';
import { LoginWithMagicLinkMutation } from '../documents';
import { sessionChanged } from '../lib/apollo';
import { apiErrorOrNull } from '@settle/web-kit/errors';
import { useQueryParam } from '../lib/use-next';
import { AuthCard } from '../components/AuthCard';

/** /magic?token=…: the link is single-use, so it is redeemed exactly once, then the portal opens. */
export default function MagicLink() {
  const token = useQueryParam('token') ?? '';
  const navigate = useNavigate();
  const [redeem, { error }] = useMutation(LoginWithMagicLinkMutation);
  const started = useRef(false);

  useEffect(() => {
    if (!token || started.current) return;
    started.current = true;
    void redeem({ variables: { token } })
      .then(async (r) => {
        if (!r.data) return;
        await sessionChanged();
        void navigate('/', { replace: true });
      })
      .catch(() => undefined);
  }, [token, redeem, navigate]);

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
  return <Loading label="Signing you in…" />;
}
