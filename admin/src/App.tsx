import { Suspense, lazy, type ComponentType, type LazyExoticComponent } from 'react';
import { Center, Loader } from '@mantine/core';
import { useQuery } from '@apollo/client/react';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { graphql } from './gql';
import { isUnauthenticated } from '@settle/web-kit/errors';
import { SignIn } from './pages/SignIn';
import { ResetPasswordPage } from './pages/ResetPasswordPage';
import { Layout } from './components/Layout';
import { ErrorAlert } from './components/QueryState';
import { ViewerContext, reaches } from './lib/role';

// Every screen is its own chunk so the first load stays small; the chart library loads with the dashboard.
const TimesheetPage = lazy(() => import('./pages/time/TimesheetPage'));

/** The billing screens (not routed for a technician), and the least role that reaches each. */
const BILLING_SCREENS: ReadonlyArray<{ path: string; page: LazyExoticComponent<ComponentType>; role?: 'ADMIN' }> = [
  { path: '/', page: lazy(() => import('./pages/dashboard/DashboardPage')) },
  { path: '/time', page: lazy(() => import('./pages/time/TimePage')) },
  { path: '/invoices', page: lazy(() => import('./pages/invoices/InvoicesPage')) },
  { path: '/invoices/generate', page: lazy(() => import('./pages/invoices/GenerateWizard')) },
  { path: '/invoices/:id', page: lazy(() => import('./pages/invoices/InvoiceDetailPage')) },
  { path: '/clients', page: lazy(() => import('./pages/clients/ClientsPage')) },
  { path: '/clients/:id', page: lazy(() => import('./pages/clients/ClientDetailPage')) },
  { path: '/clients/:id/credit', page: lazy(() => import('./pages/clients/ClientCreditPage')) },
  { path: '/catalog', page: lazy(() => import('./pages/catalog/CatalogPage')) },
  { path: '/portal-users', page: lazy(() => import('./pages/portal-users/PortalUsersPage')) },
  { path: '/api-tokens', page: lazy(() => import('./pages/api-tokens/ApiTokensPage')), role: 'ADMIN' },
  { path: '/team', page: lazy(() => import('./pages/team/TeamPage')), role: 'ADMIN' },
  {
    path: '/webhook-endpoints',
    page: lazy(() => import('./pages/webhooks/WebhookEndpointsPage')),
    role: 'ADMIN',
  },
  { path: '/integrations', page: lazy(() => import('./pages/integrations/IntegrationsPage')) },
  { path: '/integrations/quickbooks/mapping', page: lazy(() => import('./pages/integrations/QuickBooksMappingPage')) },
  { path: '/settings/payments', page: lazy(() => import('./pages/settings/PaymentSettingsPage')) },
  { path: '/settings/invoices', page: lazy(() => import('./pages/settings/InvoiceSettingsPage')) },
  { path: '/billing', page: lazy(() => import('./pages/billing/BillingPage')) },
  { path: '/webhooks', page: lazy(() => import('./pages/webhooks/WebhooksPage')) },
  { path: '/emails', page: lazy(() => import('./pages/emails/EmailsPage')) },
  { path: '/payments', page: lazy(() => import('./pages/payments/PaymentsPage')) },
  { path: '/exceptions', page: lazy(() => import('./pages/exceptions/ExceptionsPage')) },
  { path: '/reconciliation', page: lazy(() => import('./pages/reconciliation/ReconciliationPage')) },
  { path: '/activity', page: lazy(() => import('./pages/activity/ActivityPage')) },
];

export const MeQuery = graphql(`
  query AdminMe {
    me {
      kind
      user { id name email role }
      organization { id name slug defaultCurrency }
    }
  }
`);

function PageLoader() {
  return (
    <Center h={240} role="status" aria-label="Loading">
      <Loader size="sm" />
    </Center>
  );
}

export function App() {
  const { data, loading, error, refetch } = useQuery(MeQuery, { fetchPolicy: 'network-only' });
  const { pathname } = useLocation();
  // The emailed reset link works signed in or not (it signs in the account it names).
  if (pathname === '/reset-password') return <ResetPasswordPage onSignedIn={() => void refetch()} />;
  if (loading && !data) return <PageLoader />;
  if (error && !isUnauthenticated(error)) return <ErrorAlert error={error} onRetry={() => void refetch()} />;
  if (!data || error) return <SignIn onSignedIn={() => void refetch()} />;
  if (data.me.kind === 'PORTAL')
    return (
      <SignIn
        onSignedIn={() => void refetch()}
        notice="That account is a client portal login. Sign in with an admin account."
      />
    );

  const viewer = { userId: data.me.user?.id ?? null, role: data.me.user?.role ?? 'ADMIN' };
  // A technician's app is their timesheet: the billing screens are not routed (nor in the menu).
  const billing = reaches(viewer.role, 'BILLING');
  return (
    <ViewerContext.Provider value={viewer}>
      <Layout me={data.me}>
        <Suspense fallback={<PageLoader />}>
          <Routes>
            <Route path="/timesheet" element={<TimesheetPage />} />
            {billing ? (
              <>
                {BILLING_SCREENS.filter((screen) => !screen.role || reaches(viewer.role, screen.role)).map(
                  ({ path, page: Page }) => (
                    <Route key={path} path={path} element={<Page />} />
                  ),
                )}
                <Route path="*" element={<Navigate to="/" replace />} />
              </>
            ) : (
              <Route path="*" element={<Navigate to="/timesheet" replace />} />
            )}
          </Routes>
        </Suspense>
      </Layout>
    </ViewerContext.Provider>
  );
}
