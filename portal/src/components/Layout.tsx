import { AppShell, Button, Container, Group, Text, UnstyledButton } from '@mantine/core';
import { useMutation } from '@apollo/client/react';
import type { ReactNode } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { LogoutMutation } from '../documents';
import { sessionChanged } from '../lib/apollo';
import { ErrorBoundary } from '@settle/web-kit/error-boundary';
import { MAIN_ID, SkipLink } from '@settle/web-kit/page';

function NavLink({ href, children }: { href: string; children: ReactNode }) {
  const location = useLocation().pathname;
  const active = href === '/' ? location === '/' : location.startsWith(href);
  return (
    <UnstyledButton
      component={Link}
      to={href}
      px={{ base: 'xs', sm: 'sm' }}
      py={6}
      // One line each: a label wrapping to two made the phone's nav row taller than the header's room for it,
      // and the page's heading slid under it.
      style={{ whiteSpace: 'nowrap' }}
      fw={active ? 600 : 400}
      c={active ? 'blue.8' : 'dark.5'}
      aria-current={active ? 'page' : undefined}
    >
      {children}
    </UnstyledButton>
  );
}

function Nav(props: { visibleFrom?: 'sm'; hiddenFrom?: 'sm' }) {
  return (
    // On a phone narrower than the three labels the row scrolls sideways rather than growing taller.
    <Group
      gap={0}
      component="nav"
      aria-label="Portal"
      wrap="nowrap"
      style={props.hiddenFrom ? { overflowX: 'auto' } : undefined}
      {...props}
    >
      <NavLink href="/">Overview</NavLink>
      <NavLink href="/invoices">Invoices</NavLink>
      <NavLink href="/payment-methods">Payment methods</NavLink>
    </Group>
  );
}

/**
 * Header with the business's name, the client's name and sign-out; content in a calm, narrow column.
 * On a phone the navigation moves to a second header row so nothing is squeezed or cut off.
 */
export function Layout({ orgName, userName, children }: { orgName: string; userName: string; children: ReactNode }) {
  const [logout, { loading }] = useMutation(LogoutMutation);
  const navigate = useNavigate();
  const location = useLocation().pathname;
  return (
    // base '0', not 0: Mantine skips a falsy base padding, and main's padding-top (header height + padding)
    // then had no value on a phone, so every page's heading sat under the header.
    <AppShell header={{ height: { base: 96, sm: 56 } }} padding={{ base: '0', sm: 'md' }}>
      <SkipLink />
      <AppShell.Header>
        <Container size="lg" h="100%">
          <Group h={56} justify="space-between" wrap="nowrap">
            <Group gap="lg" wrap="nowrap" miw={0}>
              <Text fw={700} truncate="end">
                {orgName}
              </Text>
              <Nav visibleFrom="sm" />
            </Group>
            <Group gap="sm" wrap="nowrap">
              <Text size="sm" c="dimmed" visibleFrom="sm">
                {userName}
              </Text>
              <Button
                variant="subtle"
                size="xs"
                loading={loading}
                onClick={async () => {
                  await logout().catch(() => undefined);
                  void navigate('/sign-in');
                  await sessionChanged();
                }}
              >
                Sign out
              </Button>
            </Group>
          </Group>
          <Nav hiddenFrom="sm" />
        </Container>
      </AppShell.Header>
      <AppShell.Main id={MAIN_ID} tabIndex={-1} style={{ outline: 'none' }}>
        <Container size="lg" py="md">
          <ErrorBoundary resetKey={location}>{children}</ErrorBoundary>
        </Container>
      </AppShell.Main>
    </AppShell>
  );
}
