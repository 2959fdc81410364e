import { Alert, Anchor, Text } from '@mantine/core';
import { Link } from 'react-router';
import { formatMoney } from '@settle/web-kit/money';
import { kindInWords } from './exception-words';

interface Exc {
  id: string;
  kind: string;
  status: string;
  amount: number;
  currency: string;
}

/** On an invoice page: money that arrived where it should not and still waits for an admin. */
export function PaymentExceptionsBanner({ exceptions }: { exceptions: readonly Exc[] }) {
  const open = exceptions.filter((e) => e.status === 'OPEN');
  if (!open.length) return null;
  return (
    <Alert
      color="red"
      variant="light"
      title={open.length === 1 ? 'Open payment exception' : `${open.length} open payment exceptions`}
      data-testid="payment-exceptions-banner"
    >
      {open.map((e) => (
        <Text size="sm" key={e.id}>
          {kindInWords(e.kind)}: {formatMoney(e.amount, e.currency)} not owed.
        </Text>
      ))}
      <Anchor component={Link} to="/exceptions" size="sm">
        Refund or dismiss in Payment exceptions
      </Anchor>
    </Alert>
  );
}
