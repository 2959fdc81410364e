import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { MantineProvider, createTheme, type CSSVariablesResolver, type MantineColor } from '@mantine/core';
import { ApolloProvider } from '@apollo/client/react';
import type { ApolloClient } from '@apollo/client';
import { BrowserRouter } from 'react-router';
import { ErrorBoundary } from './error-boundary';

/**
 * Renders an SPA into #root with what every screen relies on: Mantine (light, medium radius, the app's
 * colour and font stack), the Apollo client and the router under the app's base path (Vite's BASE_URL,
 * e.g. /admin/), all inside an error boundary (never a white page). `beforeApp` sits inside Mantine but outside the app (the admin's notifications).
 * Text keeps WCAG AA contrast (4.5:1) on white: `primaryShade` is the shade of the app colour white
 * text sits on (8 for blue, 9 for teal), and dimmed text is gray 7 rather than Mantine's gray 6.
 */
/** `#rrggbb` scaled towards black by `factor` (0.8: a fifth darker). */
function darker(hex: string, factor: number): string {
  const n = parseInt(hex.slice(1), 16);
  const c = [16, 8, 0].map((s) => Math.round(((n >> s) & 255) * factor));
  return `#${c.map((v) => v.toString(16).padStart(2, '0')).join('')}`;
}

/** WCAG's contrast ratio of two `#rrggbb` colours (1 to 21). */
function contrast(a: string, b: string): number {
  const luminance = (hex: string) => {
    const n = parseInt(hex.slice(1), 16);
    const [r, g, b] = [16, 8, 0].map((s) => {
      const c = ((n >> s) & 255) / 255;
      return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

/** `fg` darkened a step at a time until it reads at 4.5:1 (WCAG AA) on `bg`. */
function readableOn(fg: string, bg: string): string {
  let color = fg;
  for (let factor = 0.95; contrast(color, bg) < 4.5 && factor > 0.3; factor -= 0.05) color = darker(fg, factor);
  return color;
}

/**
 * Links a fifth darker than the darkest app colour, so they stay readable on tinted alerts and cards too.
 * A light badge or alert writes in shade 9 of its colour on shade 1, under 4.5:1 for green, yellow, red…
 * (a green "Paid" or "Active" at 3.9:1): its text is that shade darkened until it reads.
 */
const readableText: CSSVariablesResolver = (theme) => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-anchor': darker(theme.colors[theme.primaryColor]![9]!, 0.8),
    ...Object.fromEntries(
      Object.entries(theme.colors)
        .filter(([, shades]) => /^#[0-9a-f]{6}$/i.test(shades[9] ?? '') && /^#[0-9a-f]{6}$/i.test(shades[1] ?? ''))
        .map(([name, shades]) => [`--mantine-color-${name}-light-color`, readableOn(shades[9]!, shades[1]!)]),
    ),
  },
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
    components: {
      // A link inside a sentence must not rely on colour alone (axe: link-in-text-block).
      Anchor: { defaultProps: { underline: 'always' } },
      // A notification's × is read out as "Close", not as an unnamed button (axe: button-name).
      Notification: { defaultProps: { closeButtonProps: { 'aria-label': 'Close' } } },
      // A badge is never cut to "OUT…" in a narrow table cell: it keeps its width, the row wraps or the table scrolls.
      Badge: {
        styles: { root: { flexShrink: 0, overflow: 'visible' }, label: { overflow: 'visible', textOverflow: 'clip' } },
      },
    },
  });
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <MantineProvider theme={theme} defaultColorScheme="light" cssVariablesResolver={readableText}>
        {opts.beforeApp}
        <ApolloProvider client={opts.apolloClient}>
          <BrowserRouter basename={opts.baseUrl.replace(/\/$/, '')}>
            {/* The last resort; each app's layout has its own around the screen, keeping the navigation. */}
            <ErrorBoundary>{opts.app}</ErrorBoundary>
          </BrowserRouter>
        </ApolloProvider>
      </MantineProvider>
    </StrictMode>,
  );
}
