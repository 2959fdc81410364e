import type { ReactNode } from 'react';
import { Anchor, Group, Text, Title } from '@mantine/core';
import { Link } from 'react-router';

/**
 * The head of a record's page: a link back to its list, the record's title with its badges, a dimmed line
 * about it, and its actions (the children) on the right.
 */
export function DetailHeader(props: {
  back: { to: string; label: string };
  title: ReactNode;
  badges?: ReactNode;
  subtitle: ReactNode;
  children: ReactNode;
}) {
  return (
    <Group justify="space-between" align="flex-start">
      <div>
        <Anchor component={Link} to={props.back.to} size="sm">
          {`← ${props.back.label}`}
        </Anchor>
        <Group gap="sm" mt={4}>
          <Title order={1} size="h2">
            {props.title}
          </Title>
          {props.badges}
        </Group>
        <Text c="dimmed" size="sm">
          {props.subtitle}
        </Text>
      </div>
      {props.children}
    </Group>
  );
}
