import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import { Notifications } from '@mantine/notifications';
import { setDisplayLocale } from '@settle/web-kit/locale';
import { mountApp } from '@settle/web-kit/mount';
import { apolloClient } from './apollo';
import { App } from './App';

// Staff screens show money and dates in en-US on every machine, so amounts read alike side by side.
setDisplayLocale('en-US');

mountApp({
  primaryColor: 'teal',
  primaryShade: 9,
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  apolloClient,
  baseUrl: import.meta.env.BASE_URL,
  beforeApp: <Notifications position="top-right" />,
  app: <App />,
});
