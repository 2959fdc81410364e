import { Alert, Center, Loader, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { apiErrorOrNull } from '@settle/web-kit/errors';

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <Center py="xl" role="status" aria-live="polite">
      <Stack align="center" gap="xs">
        <Loader size="sm" />
        <Text size="sm" c="dimmed">
          {label}
        </Text>
      </Stack>
    </Center>
  );
}

export function Empty({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <Center py="xl" data-testid="empty-state">
      <Stack align="center" gap={4}>
        <Text fw={500}>{title}</Text>
        {children ? (
          <Text size="sm" c="dimmed" ta="center">
            {children}
          </Text>
        ) : null}
      </Stack>
    </Center>
  );
}

export function ErrorState({
  error,
  title = 'Something went wrong',
  message,
}: {
  error: unknown;
  title?: string;
  message?: string;
}) {
  const p = apiErrorOrNull(error);
  return (
    <Alert color="red" variant="light" title={title} role="alert" data-testid="error-state">
      {message ?? p?.formMessage ?? 'Please try again in a moment.'}
    </Alert>
  );
}
