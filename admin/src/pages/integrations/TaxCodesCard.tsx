import { Alert, Button, Card, Group, NumberInput, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { apiError } from '@settle/web-kit/errors';
import { FormError } from '../../components/FormError';
import { useFormFailure } from '../../lib/actions';
import type { AdminQuickBooksConnectionFragment } from '../../gql/graphql';
import { QuickBooksTaxCodesQuery, UpdateQuickBooksMapping } from './quickbooks-documents';
import { RefSelect } from './RefSelect';

type Choice = { rateBps: number; taxCodeId: string | null };

/**
 * Which QuickBooks sales tax code books each Settle tax rate. Without a choice a rate goes to the active
 * code with exactly that rate; a rate that matches none is refused (shown with the QuickBooks exceptions).
 */
export function TaxCodesCard({ mapping }: { mapping: NonNullable<AdminQuickBooksConnectionFragment['mapping']> }) {
  const codes = useQuery(QuickBooksTaxCodesQuery);
  const [rows, setRows] = useState<Choice[]>(mapping.taxCodes);
  const [percent, setPercent] = useState<string | number>('');
  const { failure, attempt } = useFormFailure();
  const [update, { loading }] = useMutation(UpdateQuickBooksMapping);
  const options = (codes.data?.quickBooksTaxCodes ?? [])
    .filter((c) => c.active && c.salesRatePercent !== null)
    .map((c) => ({ value: c.id, label: `${c.name} (${c.salesRatePercent}%)` }));

  const addRate = () => {
    const bps = Math.round(Number(percent) * 100);
    if (percent === '' || rows.some((r) => r.rateBps === bps)) return;
    setRows((r) => [...r, { rateBps: bps, taxCodeId: null }].sort((a, b) => a.rateBps - b.rateBps));
    setPercent('');
  };
  const save = () =>
    attempt(async () => {
      // Rates no longer listed go back to matching by rate.
      const removed = mapping.taxCodes.filter((c) => !rows.some((r) => r.rateBps === c.rateBps));
      const taxCodes = [...rows, ...removed.map((c) => ({ rateBps: c.rateBps, taxCodeId: null }))];
      await update({ variables: { input: { taxCodes } } });
      notifications.show({ color: 'green', message: 'Tax codes saved' });
    });

  return (
    <Card withBorder maw={640} data-testid="tax-codes-card">
      <Stack gap="sm">
        <Title order={4}>Tax codes</Title>
        <Text size="sm" c="dimmed">
          Invoice tax reaches QuickBooks through its sales tax codes. Each Settle rate uses the active code with the
          same rate; choose a code here for a rate that matches none, or more than one.
        </Text>
        {codes.error && <Alert color="red">{apiError(codes.error).message}</Alert>}
        <FormError failure={failure} />
        {rows.length > 0 && (
          <Table>
            <Table.Tbody>
              {rows.map((row) => (
                <Table.Tr key={row.rateBps}>
                  <Table.Td>{row.rateBps / 100}%</Table.Td>
                  <Table.Td>
                    <RefSelect
                      aria-label={`QuickBooks code for ${row.rateBps / 100}%`}
                      placeholder="Match by rate"
                      loading={codes.loading}
                      data={options}
                      value={row.taxCodeId}
                      onChange={(id) =>
                        setRows((rs) => rs.map((r) => (r.rateBps === row.rateBps ? { ...r, taxCodeId: id } : r)))
                      }
                    />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        <Group align="flex-end">
          <NumberInput
            label="Settle tax rate (%)"
            min={0}
            max={100}
            decimalScale={2}
            value={percent}
            onChange={setPercent}
            w={160}
          />
          <Button variant="default" onClick={addRate}>
            Add rate
          </Button>
          <Button ml="auto" loading={loading} onClick={() => void save()}>
            Save tax codes
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
