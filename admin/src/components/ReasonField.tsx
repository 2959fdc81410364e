import { Textarea } from '@mantine/core';
import { bindText } from '@settle/web-kit/fields';

/** The required "Reason" box of an action that someone else reads later (a refund, a rejection, a credit). */
export function ReasonField({
  value,
  onChange,
  error,
  description,
}: {
  value: string;
  onChange: (value: string) => void;
  error?: string;
  description?: string;
}) {
  return (
    <Textarea
      label="Reason"
      description={description}
      required
      autosize
      minRows={2}
      {...bindText(value, onChange, error)}
    />
  );
}
