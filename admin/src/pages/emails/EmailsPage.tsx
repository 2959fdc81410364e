import { useState } from 'react';
import { Badge, Card, Drawer, Group, Stack, Text } from '@mantine/core';
import { useQuery } from '@apollo/client/react';
import { graphql } from '../../gql';
import type { AdminEmailsQuery, EmailKind } from '../../gql/graphql';
import { PageHeader } from '../../components/Layout';
import { QueryTable, listOf } from '../../components/QueryState';
import { formatDateTime } from '@settle/web-kit/dates';

const EmailsQuery = graphql(`
  query AdminEmails { emails(first: 200) {nodes{ id to subject kind status error createdAt sentAt text html }} }
`);

const COLORS: Record<string, string> = {
  OUTBOX: 'blue',
  SENT: 'green',
  QUEUED: 'gray',
  FAILED: 'red',
  CANCELLED: 'yellow',
};
type Email = AdminEmailsQuery['emails']['nodes'][number];

/** What each email is, in words: the outbox is read by people, not by the code that queued it. */
const KIND_LABELS: Record<EmailKind, string> = {
  INVOICE: 'Invoice',
  INVOICE_REMINDER: 'Payment reminder',
  PAYMENT_CONFIRMATION: 'Payment receipt',
  PAYMENT_FAILED: 'Payment failed',
  AUTOPAY_FAILED: 'Autopay charge failed',
  PAYMENT_EXCEPTION: 'Staff: payment exception',
  REFUND_FAILED: 'Staff: refund failed',
  PAYMENT_STALLED: 'Staff: bank debit stalled',
  PORTAL_INVITE: 'Portal invitation',
  MAGIC_LINK: 'Portal sign-in link',
  PASSWORD_RESET: 'Staff: password reset link',
  RECONCILIATION: 'Staff: reconciliation report',
  WEBHOOK_ENDPOINT_DISABLED: 'Admin: webhook endpoint disabled',
  PAYOUT_FAILED: 'Staff: payout returned',
};

export default function EmailsPage() {
  const query = useQuery(EmailsQuery);
  const [open, setOpen] = useState<Email | null>(null);
  return (
    <>
      <PageHeader
        title="Email outbox"
        description="Every email Settle sent, kept here when no SMTP server is configured, or did not send because it no longer applied."
      />
      <Card withBorder>
        <QueryTable
          {...listOf(query, (d) => d.emails.nodes)}
          empty="No emails yet."
          rowProps={(e) => ({ style: { cursor: 'pointer' }, onClick: () => setOpen(e) })}
          columns={[
            { key: 'when', header: 'When', render: (e) => formatDateTime(e.createdAt) },
            { key: 'to', header: 'To', render: (e) => e.to },
            { key: 'subject', header: 'Subject', render: (e) => e.subject },
            { key: 'kind', header: 'Kind', render: (e) => KIND_LABELS[e.kind] ?? e.kind },
            {
              key: 'status',
              header: 'Status',
              render: (e) => (
                <Badge color={COLORS[e.status] ?? 'gray'} variant="light">
                  {e.status}
                </Badge>
              ),
            },
          ]}
        />
      </Card>
      <Drawer opened={open !== null} onClose={() => setOpen(null)} position="right" size="xl" title={open?.subject}>
        {open && (
          <Stack>
            <Group gap="xs">
              <Text size="sm" c="dimmed">
                To
              </Text>
              <Text size="sm">{open.to}</Text>
            </Group>
            <Group gap="xs">
              <Text size="sm" c="dimmed">
                Created
              </Text>
              <Text size="sm">{formatDateTime(open.createdAt)}</Text>
              {open.sentAt && (
                <Text size="sm" c="dimmed">
                  · sent {formatDateTime(open.sentAt)}
                </Text>
              )}
            </Group>
            {open.error && (
              // A cancelled email was not sent on purpose (its invoice was paid meanwhile, say): not an error.
              <Text c={open.status === 'CANCELLED' ? 'dimmed' : 'red'} size="sm">
                {open.status === 'CANCELLED' ? `Not sent: ${open.error}` : open.error}
              </Text>
            )}
            {/* A sandboxed frame: the stored HTML is shown, never run with this page's privileges. */}
            <iframe
              title="Email body"
              sandbox=""
              srcDoc={open.html}
              style={{
                width: '100%',
                height: 480,
                border: '1px solid var(--mantine-color-gray-3)',
                borderRadius: 8,
                background: 'white',
              }}
            />
            <Text size="xs" c="dimmed">
              Plain text
            </Text>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} ff="monospace">
              {open.text}
            </Text>
          </Stack>
        )}
      </Drawer>
    </>
  );
}
