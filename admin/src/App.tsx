import { Suspense, lazy } from 'react';
import { Center, Loader } from '@mantine/core';
import { useQuery } from '@apollo/client/react';
import { Navigate, Route, Routes } from 'react-router';
import { graphql } from './gql';
import { isUnauthenticated } from '@settle/web-kit/errors';
import { SignIn } from './pages/SignIn';
import { Layout } from './components/Layout';
import { ErrorAlert } from './components/QueryState';
import { ViewerContext, reaches } from './lib/role';

// Every screen is its own chunk so the first load stays small; the chart library loads with the dashboard.
const Dashboard = lazy(() => import('./pages/dashboard/DashboardPage'));
const TimePage = lazy(() => import('./pages/time/TimePage'));
const TimesheetPage = lazy(() => import('./pages/time/TimesheetPage'));
const InvoicesPage = lazy(() => import('./pages/invoices/InvoicesPage'));
const InvoiceDetailPage = lazy(() => import('./pages/invoices/InvoiceDetailPage'));
const GenerateWizard = lazy(() => import('./pages/invoices/GenerateWizard'));
const ClientsPage = lazy(() => import('./pages/clients/ClientsPage'));
const CatalogPage = lazy(() => import('./pages/catalog/CatalogPage'));
const PortalUsersPage = lazy(() => import('./pages/portal-users/PortalUsersPage'));
const ApiTokensPage = lazy(() => import('./pages/api-tokens/ApiTokensPage'));
const IntegrationsPage = lazy(() => import('./pages/integrations/IntegrationsPage'));
const QuickBooksMappingPage = lazy(() => import('./pages/integrations/QuickBooksMappingPage'));
const PaymentSettingsPage = lazy(() => import('./pages/settings/PaymentSettingsPage'));
const WebhooksPage = lazy(() => import('./pages/webhooks/WebhooksPage'));
const EmailsPage = lazy(() => import('./pages/emails/EmailsPage'));
const ExceptionsPage = lazy(() => import('./pages/exceptions/ExceptionsPage'));
const ReconciliationPage = lazy(() => import('./pages/reconciliation/ReconciliationPage'));
const ActivityPage = lazy(() => import('./pages/activity/ActivityPage'));

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
                <Route path="/" element={<Dashboard />} />
                <Route path="/time" element={<TimePage />} />
                <Route path="/invoices" element={<InvoicesPage />} />
                <Route path="/invoices/generate" element={<GenerateWizard />} />
                <Route path="/invoices/:id" element={<InvoiceDetailPage />} />
                <Route path="/clients" element={<ClientsPage />} />
                <Route path="/catalog" element={<CatalogPage />} />
                <Route path="/portal-users" element={<PortalUsersPage />} />
                {reaches(viewer.role, 'ADMIN') && <Route path="/api-tokens" element={<ApiTokensPage />} />}
                <Route path="/integrations" element={<IntegrationsPage />} />
                <Route path="/integrations/quickbooks/mapping" element={<QuickBooksMappingPage />} />
                <Route path="/settings/payments" element={<PaymentSettingsPage />} />
                <Route path="/webhooks" element={<WebhooksPage />} />
                <Route path="/emails" element={<EmailsPage />} />
                <Route path="/exceptions" element={<ExceptionsPage />} />
                <Route path="/reconciliation" element={<ReconciliationPage />} />
                <Route path="/activity" element={<ActivityPage />} />
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
