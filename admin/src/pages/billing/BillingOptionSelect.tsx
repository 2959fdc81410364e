import type { ReactNode } from 'react';
import type { AdminBillingSettingsFragment } from '../../gql/graphql';
import { ChoiceSelect } from '../../components/ChoiceSelect';
import { BILLING_LABELS, REVIEW_OPTIONS, SEND_METHOD_OPTIONS, shortOf, withOrgDefault } from './billing-options';

const OPTIONS = { review: REVIEW_OPTIONS, sendMethod: SEND_METHOD_OPTIONS };

/**
 * A choice among a billing setting's options (review, send method), with the API's message about it. On the
 * organization's form it says what the chosen one does; on a client's panel (`org` given) it offers the
 * organization's choice first.
 */
export function BillingOptionSelect<T extends string>(props: {
  field: keyof typeof OPTIONS;
  value: T;
  onChange: (value: T) => void;
  errors: Readonly<Record<string, ReactNode>>;
  org?: AdminBillingSettingsFragment;
}) {
  const { field, value, org } = props;
  const options: Array<{ value: string; label: string; short: string; description: string }> = OPTIONS[field];
  const items = options.map((o) => ({ value: o.value, label: o.label }));
  return (
    <ChoiceSelect
      label={BILLING_LABELS[field]}
      description={org ? undefined : options.find((o) => o.value === value)?.description}
      data={org ? withOrgDefault(shortOf(options, org[field]), items) : items}
      value={value}
      onChange={props.onChange}
      error={props.errors[field]}
    />
  );
}
