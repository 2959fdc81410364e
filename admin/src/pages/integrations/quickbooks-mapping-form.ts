import { useState } from 'react';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@apollo/client/react';
import { UpdateQuickBooksMapping } from './quickbooks-documents';
import { useFormFailure } from '../../lib/actions';

/** The QuickBooks mapping settings that are a picked item or account (an id, or none). */
type RefField =
  'defaultItemId' | 'incomeAccountId' | 'feeExpenseAccountId' | 'feeBankAccountId' | 'payoutBankAccountId';

/**
 * A form over some of the QuickBooks mapping's pickers (the mapping page, the fee card): the picked ids,
 * `bind` for each picker (its value, setter and the API's message for it) and `save`, which updates
 * the mapping and says `saved`.
 */
export function useMappingForm<F extends RefField>(initial: Record<F, string | null>, saved: string) {
  const [picked, setPicked] = useState(initial);
  const { failure, attempt } = useFormFailure();
  const [update, { loading }] = useMutation(UpdateQuickBooksMapping);

  async function save() {
    await attempt(async () => {
      await update({ variables: { input: picked } });
      notifications.show({ color: 'green', message: saved });
    });
  }
  const bind = (field: F) => ({
    value: picked[field],
    onChange: (id: string | null) => setPicked((p) => ({ ...p, [field]: id })),
    error: failure?.fields[field],
  });
  return { failure, bind, save, saving: loading };
}
