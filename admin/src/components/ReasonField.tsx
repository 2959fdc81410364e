import { Textarea } from '@mantine/core';
import { bindText } from '@settle/web-kit/fields';

/**
 * The required "Reason" box of an action that someone else reads later (a refund, a rejection, a credit).
 * With `maxLength` (the server's limit) it counts the characters typed and takes no more than that.
 */
export function ReasonField({
  value,
  onChange,
  error,
  description,
  maxLength,
}: {
  value: string;
  onChange: (value: string) => void;
  error?: string;
  description?: string;
  maxLength?: number;
}) {
  const count = maxLength !== undefined && (
    <span data-testid="reason-count">
      {value.length} of {maxLength} characters
    </span>
  );
  return (
    <Textarea
      label="Reason"
      description={
        count && description ? (
          <>
            {description} {count}
          </>
        ) : (
          count || description
        )
      }
      required
      autosize
      minRows={2}
      maxLength={maxLength}
      {...bindText(value, onChange, error)}
    />
  );
}
