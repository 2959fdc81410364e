import type { ReactNode } from 'react';
import { AppShell, Burger, Button, Group, Menu, NavLink, ScrollArea, Stack, Text, Title } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { useMutation } from '@apollo/client/react';
import { Link as RouterLink, useLocation } from 'react-router';
import { graphql } from '../gql';
import type { AdminMeQuery } from '../gql/graphql';
import { apolloClient, reconnectSubscriptions } from '../apollo';
import { useViewer, type StaffLevel } from '../lib/role';
import { ErrorBoundary } from '@settle/web-kit/error-boundary';
import { MAIN_ID, SkipLink, usePageTitle } from '@settle/web-kit/page';
import { ChangePasswordDialog } from './ChangePasswordDialog';

/** The browser tab names the screen, then the app: "Invoices · Settle admin". */
export function useAdminTitle(title: string | null | undefined): void {
  usePageTitle(title, 'Settle admin');
}

const LogoutMutation = graphql(`
  mutation AdminLogout { logout }
`);

const LogoutEverywhereMutation = graphql(`
  mutation AdminLogoutEverywhere { logoutEverywhere }
`);

/** The menu: its sections, each a list of links (path: label), in order. */
const NAV: Array<{ section?: string; items: Record<string, string> }> = [
  { items: { '/': 'Dashboard', '/timesheet': 'Timesheet', '/time': 'Time approval' } },
  {
    section: 'Invoicing',
    items: {
      '/invoices': 'Invoices',
      '/invoices/generate': 'Generate invoices',
      '/billing': 'Billing',
      '/settings/invoices': 'Invoice settings',
    },
  },
  {
    section: 'Setup',
    items: {
      '/clients': 'Clients',
      '/catalog': 'Catalog',
      '/portal-users': 'Portal users',
      '/team': 'Team',
      '/api-tokens': 'API tokens',
      '/webhook-endpoints': 'Webhooks',
    },
  },
  {
    section: 'Payments',
    items: {
      '/payments': 'Payments',
      '/exceptions': 'Exceptions',
      '/reconciliation': 'Reconciliation',
      '/integrations': 'Integrations',
      '/settings/payments': 'Payment settings',
      '/webhooks': 'Webhook inspector',
      '/emails': 'Email outbox',
      '/activity': 'Activity',
    },
  },
];

/** Who sees a link: billing staff unless listed here (the server's access level of the screen's data). */
const LINK_LEVEL: Record<string, StaffLevel> = {
  '/timesheet': 'TECHNICIAN',
  '/api-tokens': 'ADMIN',
  '/team': 'ADMIN',
  '/webhook-endpoints': 'ADMIN',
};

function isActive(pathname: string, to: string): boolean {
  if (to === '/') return pathname === '/';
  if (to === '/invoices')
    return (
      pathname === '/invoices' || (pathname.startsWith('/invoices/') && !pathname.startsWith('/invoices/generate'))
    );
  return pathname === to || pathname.startsWith(`${to}/`);
}

export function Layout({ me, children }: { me: AdminMeQuery['me']; children: ReactNode }) {
  const [opened, { toggle, close }] = useDisclosure();
  // A closed menu below md is only slid off screen; hidden too, so its links are not tabbed into unseen.
  const sidebar = useMediaQuery('(min-width: 62em)', true, { getInitialValueInEffect: false });
  const { pathname } = useLocation();
  const { can } = useViewer();
  const nav = NAV.map((group) => ({
    ...group,
    links: Object.entries(group.items).filter(([to]) => can(LINK_LEVEL[to] ?? 'BILLING')),
  })).filter((group) => group.links.length > 0);
  const [logout, { loading }] = useMutation(LogoutMutation);
  const [logoutEverywhere, everywhere] = useMutation(LogoutEverywhereMutation);
  const [changingPassword, passwordDialog] = useDisclosure();

  async function signOut(all = false) {
    if (all && !window.confirm('Sign out of Settle on every browser and device?')) return;
    await (all ? logoutEverywhere() : logout()).catch(() => undefined);
    reconnectSubscriptions();
    await apolloClient.resetStore().catch(() => undefined);
  }

  return (
    <AppShell
      header={{ height: 56 }}
      // Below md (992 px: phones and tablets held upright) the menu is a burger: a 230 px sidebar would leave
      // a 768 px tablet too narrow a page for invoice tables.
      navbar={{ width: 230, breakpoint: 'md', collapsed: { mobile: !opened } }}
      padding="lg"
    >
      <SkipLink />
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="md" size="sm" aria-label="Menu" />
            <Text fw={700} size="lg" c="teal.9">
              Settle
            </Text>
            {/* On a phone the org name gives way to the account menu and Sign out (the menu shows it). */}
            <Text c="dimmed" size="sm" visibleFrom="sm">
              {me.organization.name}
            </Text>
          </Group>
          <Group gap="sm" wrap="nowrap">
            {/* Who is signed in opens the rarer account actions; signing out of this browser stays one click. */}
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <Button variant="subtle" size="xs" color="gray" loading={everywhere.loading}>
                  <Text size="sm" span visibleFrom="sm">
                    {me.user?.name ?? me.organization.name}
                  </Text>
                  <Text size="sm" span hiddenFrom="sm">
                    Account
                  </Text>
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Label>{me.organization.name}</Menu.Label>
                <Menu.Item onClick={passwordDialog.open}>Change password…</Menu.Item>
                <Menu.Item onClick={() => void signOut(true)}>Sign out on every device…</Menu.Item>
              </Menu.Dropdown>
            </Menu>
            <ChangePasswordDialog opened={changingPassword} onClose={passwordDialog.close} />
            <Button variant="subtle" size="xs" onClick={() => void signOut()} loading={loading}>
              Sign out
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" style={sidebar || opened ? undefined : { visibility: 'hidden' }}>
        <ScrollArea>
          <Stack gap="xs">
            {nav.map((group, i) => (
              <div key={i}>
                {group.section && (
                  <Text size="xs" fw={600} c="dimmed" tt="uppercase" px="sm" pt="sm" pb={4}>
                    {group.section}
                  </Text>
                )}
                {group.links.map(([to, label]) => (
                  <NavLink
                    key={to}
                    component={RouterLink}
                    to={to}
                    label={label}
                    active={isActive(pathname, to)}
                    // Filled: white on teal 9 reads at 5:1 (the light variant's teal on tint does not).
                    variant="filled"
                    onClick={close}
                  />
                ))}
              </div>
            ))}
          </Stack>
        </ScrollArea>
      </AppShell.Navbar>
      <AppShell.Main bg="gray.0" id={MAIN_ID} tabIndex={-1} style={{ outline: 'none' }}>
        <ErrorBoundary resetKey={pathname}>{children}</ErrorBoundary>
      </AppShell.Main>
    </AppShell>
  );
}

export function PageHeader({
  title,
  description,
  actions,
}: {
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
}) {
  useAdminTitle(title);
  return (
    <Group justify="space-between" align="flex-end" mb="lg">
      <div>
        <Title order={1} size="h2">
          {title}
        </Title>
        {description && (
          <Text c="dimmed" size="sm">
            {description}
          </Text>
        )}
      </div>
      {actions && <Group gap="sm">{actions}</Group>}
    </Group>
  );
}
