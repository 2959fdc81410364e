import { Alert, Center, Loader, Stack, Text, Title } from '@mantine/core';
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
  page = false,
}: {
  error: unknown;
  title?: string;
  message?: string;
  /** The whole screen is this message: its title is the page's h1. */
  page?: boolean;
}) {
  const p = apiErrorOrNull(error);
  const text = message ?? p?.formMessage ?? 'Please try again in a moment.';
  return (
    <Alert color="red" variant="light" title={page ? undefined : title} role="alert" data-testid="error-state">
      {page ? (
        <Title order={1} size="h4" mb={4}>
          {title}
        </Title>
      ) : null}
      {text}
    </Alert>
  );
}
