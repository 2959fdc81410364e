import { AppShell, Button, Container, Group, Text, UnstyledButton } from '@mantine/core';
import { useMutation } from '@apollo/client/react';
import type { ReactNode } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { LogoutMutation } from '../documents';
import { sessionChanged } from '../lib/apollo';

function NavLink({ href, children }: { href: string; children: ReactNode }) {
  const location = useLocation().pathname;
  const active = href === '/' ? location === '/' : location.startsWith(href);
  return (
    <UnstyledButton
      component={Link}
      to={href}
      px="sm"
      py={6}
      fw={active ? 600 : 400}
      c={active ? 'blue.7' : 'dark.5'}
      aria-current={active ? 'page' : undefined}
    >
      {children}
    </UnstyledButton>
  );
}

/** Header with the business's name, the client's name and sign-out; content in a calm, narrow column. */
export function Layout({ orgName, userName, children }: { orgName: string; userName: string; children: ReactNode }) {
  const [logout, { loading }] = useMutation(LogoutMutation);
  const navigate = useNavigate();
  return (
    <AppShell header={{ height: 56 }} padding="md">
      <AppShell.Header>
        <Container size="lg" h="100%">
          <Group h="100%" justify="space-between" wrap="nowrap">
            <Group gap="lg" wrap="nowrap">
              <Text fw={700}>{orgName}</Text>
              <Group gap={0} component="nav" aria-label="Portal">
                <NavLink href="/">Overview</NavLink>
                <NavLink href="/invoices">Invoices</NavLink>
              </Group>
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
        </Container>
      </AppShell.Header>
      <AppShell.Main>
        <Container size="lg" py="md">
          {children}
        </Container>
      </AppShell.Main>
    </AppShell>
  );
}
