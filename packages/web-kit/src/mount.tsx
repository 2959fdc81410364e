import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { MantineProvider, createTheme, type MantineColor } from '@mantine/core';
import { ApolloProvider } from '@apollo/client/react';
import type { ApolloClient } from '@apollo/client';
import { BrowserRouter } from 'react-router';

/**
 * Renders an SPA into #root with what every screen relies on: Mantine (light, medium radius, the app's
 * colour and font stack), the Apollo client and the router under the app's base path (Vite's BASE_URL,
 * e.g. /admin/). `beforeApp` sits inside Mantine but outside the app (the admin's notifications).
 */
export function mountApp(opts: {
  primaryColor: MantineColor;
  fontFamily: string;
  apolloClient: ApolloClient;
  baseUrl: string;
  beforeApp?: ReactNode;
  app: ReactNode;
}): void {
  const theme = createTheme({ primaryColor: opts.primaryColor, defaultRadius: 'md', fontFamily: opts.fontFamily });
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <MantineProvider theme={theme} defaultColorScheme="light">
        {opts.beforeApp}
        <ApolloProvider client={opts.apolloClient}>
          <BrowserRouter basename={opts.baseUrl.replace(/\/$/, '')}>{opts.app}</BrowserRouter>
        </ApolloProvider>
      </MantineProvider>
    </StrictMode>,
  );
}
