import { useQuery } from '@apollo/client/react';
import { Alert, Anchor, Center, Container } from '@mantine/core';
import { lazy, Suspense } from 'react';
import { Navigate, Outlet, Route, Routes, useLocation } from 'react-router';
import { Layout } from './components/Layout';
import { ErrorState, Loading } from './components/States';
import { MeQuery } from './documents';
import { isUnauthenticated } from '@settle/web-kit/errors';
import { SessionContext } from './session';
import { SignIn } from './pages/SignIn';
import { preloadable } from './lib/preloadable';

// Signed-in screens load on demand so the first paint only needs the shell.
const Overview = preloadable(() => import('./pages/Overview'));
const Invoices = preloadable(() => import('./pages/Invoices'));
const InvoiceDetail = preloadable(() => import('./pages/InvoiceDetail'));
const PaymentReturn = preloadable(() => import('./pages/PaymentReturn'));
const PaymentMethods = preloadable(() => import('./pages/PaymentMethods'));

// Fetch the chunk of the screen being opened while the session check (me) is in flight, not after it.
const path = location.pathname.replace(/^\/portal/, '');
if (path === '/invoices') void Invoices.preload();
else if (/^\/invoices\/[^/]+\/paid/.test(path)) void PaymentReturn.preload();
else if (path.startsWith('/invoices/')) void InvoiceDetail.preload();
else if (path === '/payment-methods') void PaymentMethods.preload();
else if (path === '/' || path === '') void Overview.preload();
const AcceptInvite = lazy(() => import('./pages/AcceptInvite'));
const MagicLink = lazy(() => import('./pages/MagicLink'));

export function App() {
  return (
    <Suspense fallback={<Loading />}>
      <Routes>
        <Route path="/sign-in" element={<SignIn />} />
        <Route path="/accept-invite" element={<AcceptInvite />} />
        <Route path="/magic" element={<MagicLink />} />
        <Route element={<SignedIn />}>
          <Route path="/" element={<Overview />} />
          <Route path="/invoices" element={<Invoices />} />
          <Route path="/invoices/:id/paid" element={<PaymentReturn />} />
          <Route path="/invoices/:id" element={<InvoiceDetail />} />
          <Route path="/payment-methods" element={<PaymentMethods />} />
          <Route
            path="*"
            element={
              <ErrorState page title="Page not found" error={null} message="There is nothing at this address." />
            }
          />
        </Route>
      </Routes>
    </Suspense>
  );
}

/** Everything else needs a portal session; without one, go to sign-in and come back afterwards. */
function SignedIn() {
  const location = useLocation().pathname;
  const { data, loading, error } = useQuery(MeQuery, { fetchPolicy: 'cache-first' });
  if (isUnauthenticated(error)) return <Navigate to={`/sign-in?next=${encodeURIComponent(location)}`} replace />;
  if (error)
    return (
      <Container size="sm" py="xl">
        <ErrorState error={error} />
      </Container>
    );
  if (loading || !data) return <Loading />;
  const me = data.me;
  if (me.kind !== 'PORTAL' || !me.portalUser) {
    return (
      <Center py="xl">
        <Alert color="blue" title="This is the client portal" maw={480}>
          You are signed in as staff of {me.organization.name}. Open the <Anchor href="/admin/">admin app</Anchor>{' '}
          instead.
        </Alert>
      </Center>
    );
  }
  const session = {
    orgName: me.organization.name,
    userName: me.portalUser.name,
    email: me.portalUser.email,
    clientId: me.portalUser.clientId,
  };
  return (
    <SessionContext.Provider value={session}>
      <Layout orgName={session.orgName} userName={session.userName}>
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </Layout>
    </SessionContext.Provider>
  );
}
