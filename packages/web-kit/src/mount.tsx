import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { MantineProvider, createTheme, type CSSVariablesResolver, type MantineColor } from '@mantine/core';
import { ApolloProvider } from '@apollo/client/react';
import type { ApolloClient } from '@apollo/client';
import { BrowserRouter } from 'react-router';

/**
 * Renders an SPA into #root with what every screen relies on: Mantine (light, medium radius, the app's
 * colour and font stack), the Apollo client and the router under the app's base path (Vite's BASE_URL,
 * e.g. /admin/). `beforeApp` sits inside Mantine but outside the app (the admin's notifications).
 * Text keeps WCAG AA contrast (4.5:1) on white: `primaryShade` is the shade of the app colour white
 * text sits on (8 for blue, 9 for teal), and dimmed text is gray 7 rather than Mantine's gray 6.
 */
const readableText: CSSVariablesResolver = () => ({
  variables: {},
  light: { '--mantine-color-dimmed': 'var(--mantine-color-gray-7)' },
  dark: {},
});

export function mountApp(opts: {
  primaryColor: MantineColor;
  primaryShade: 7 | 8 | 9;
  fontFamily: string;
  apolloClient: ApolloClient;
  baseUrl: string;
  beforeApp?: ReactNode;
  app: ReactNode;
}): void {
  const theme = createTheme({
    primaryColor: opts.primaryColor,
    primaryShade: { light: opts.primaryShade, dark: opts.primaryShade },
    defaultRadius: 'md',
    fontFamily: opts.fontFamily,
  });
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <MantineProvider theme={theme} defaultColorScheme="light" cssVariablesResolver={readableText}>
        {opts.beforeApp}
        <ApolloProvider client={opts.apolloClient}>
          <BrowserRouter basename={opts.baseUrl.replace(/\/$/, '')}>{opts.app}</BrowserRouter>
        </ApolloProvider>
      </MantineProvider>
    </StrictMode>,
  );
}
