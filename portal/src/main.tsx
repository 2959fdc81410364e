import '@mantine/core/styles.css';
import { mountApp } from '@settle/web-kit/mount';
import { App } from './App';
import { apolloClient } from './lib/apollo';

// Money and dates show in the payer's own browser locale (the web-kit default).
mountApp({
  primaryColor: 'blue',
  primaryShade: 8,
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  apolloClient,
  baseUrl: import.meta.env.BASE_URL,
  app: <App />,
});
