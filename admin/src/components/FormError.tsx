import { Alert } from '@mantine/core';
import type { FormFailure } from '@settle/web-kit/errors';

/** The red alert at the top of a form: the failure's message, unless an input below shows its own (one of `fields` has an error). */
export function FormError({ failure, fields = [] }: { failure: FormFailure | null | undefined; fields?: string[] }) {
  if (!failure || fields.some((field) => failure.fields[field])) return null;
  return (
    <Alert color="red" role="alert">
      {failure.message}
    </Alert>
  );
}
