import { Component, type ErrorInfo, type ReactNode } from 'react';
import { Alert, Button, Center, Stack, Text, Title } from '@mantine/core';

/**
 * A screen whose code failed to load: after a redeploy the old chunk names are gone from the server, so
 * `import()` rejects ("Failed to fetch dynamically imported module", "Importing a module script failed",
 * "Loading chunk … failed"). Reloading the page fetches the new index and its new chunks.
 */
export function isChunkLoadError(error: unknown): boolean {
  const message = error instanceof Error ? `${error.name} ${error.message}` : String(error);
  return /dynamically imported module|module script failed|Loading (CSS )?chunk|ChunkLoadError|error loading dynamically imported/i.test(
    message,
  );
}

interface Props {
  children: ReactNode;
  /** Resets the boundary when it changes (the route path), so moving to another screen tries again. */
  resetKey?: string;
}

interface State {
  error: unknown;
  resetKey?: string;
}

/**
 * Catches what a screen throws while rendering (or a lazy screen that failed to load) and shows a
 * message with a reload button instead of a white page. Both apps wrap their routes in it.
 */
export class ErrorBoundary extends Component<Props, State> {
  state: State = { error: null, resetKey: this.props.resetKey };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error: error ?? new Error('Unknown error') };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    return props.resetKey !== state.resetKey ? { error: null, resetKey: props.resetKey } : null;
  }

  componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error('Screen failed', error, info.componentStack);
  }

  render(): ReactNode {
    if (!this.state.error) return this.props.children;
    const chunk = isChunkLoadError(this.state.error);
    return (
      <Center py="xl" px="md">
        <Alert
          color={chunk ? 'blue' : 'red'}
          variant="light"
          role="alert"
          maw={520}
          w="100%"
          data-testid="error-boundary"
        >
          <Stack gap="sm" align="flex-start">
            <Title order={1} size="h4">
              {chunk ? 'A new version is available' : 'This page could not be shown'}
            </Title>
            <Text size="sm">
              {chunk
                ? 'This page could not be loaded, most likely because the app was updated. Reload to get the latest version.'
                : 'Something went wrong while showing this page. Reloading usually fixes it; if it does not, try again later.'}
            </Text>
            <Button onClick={() => window.location.reload()} data-testid="error-boundary-reload">
              Reload the page
            </Button>
          </Stack>
        </Alert>
      </Center>
    );
  }
}
