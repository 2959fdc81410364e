import { useState } from 'react';
import { useMutation } from '@apollo/client/react';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { notifications } from '@mantine/notifications';
import { apiError, inFieldWords, type FormFailure } from '@settle/web-kit/errors';
import { parseMoney } from '@settle/web-kit/money';

/**
 * A form's failure and `attempt`: it clears the last failure, runs the action and, when the API refuses,
 * keeps its failure for the form to show (message on top, field messages beside the inputs).
 * Resolves true when the action went through. `labels` (API field → the label on the form) turns a
 * validator's message about an API field into a sentence about the field the user sees.
 */
export function useFormFailure(labels: Readonly<Record<string, string>> = {}) {
  const [failure, setFailure] = useState<FormFailure | null>(null);
  async function attempt(action: () => Promise<unknown>): Promise<boolean> {
    setFailure(null);
    try {
      await action();
      return true;
    } catch (err) {
      setFailure(inFieldWords(apiError(err), labels));
      return false;
    }
  }
  /**
   * `attempt` for a form with a typed amount: the action gets it in minor units, or does not run when it
   * is not one (the failure says why, on the `amount` field).
   */
  async function attemptAmount(text: string, currency: string, action: (minor: number) => Promise<unknown>) {
    const parsed = parseMoney(text, currency);
    if (parsed.ok) return attempt(() => action(parsed.minor));
    setFailure({ message: parsed.error, fields: { amount: parsed.error } });
    return false;
  }
  return { failure, setFailure, attempt, attemptAmount };
}

/** A mutation that moves money: its input, and the Idempotency-Key of the dialog that sends it. */
export type MoneyMutation<Input> = TypedDocumentNode<unknown, { input: Input; idempotencyKey?: string | null }>;

/**
 * The submit of a form that moves money with one mutation (a payment, a credit memo, a refund): the typed
 * amount, in minor units of `currency`, goes into the mutation's input with the dialog's request key (a
 * retry after a lost answer gets the first result back instead of moving money twice). Once it went
 * through, a green notification says what was done and `onDone` runs.
 */
export function useMoneyMutation<Input>(
  mutation: MoneyMutation<Input>,
  form: { labels: Readonly<Record<string, string>>; currency: string; requestKey: string; onDone: () => void },
) {
  const { failure, attemptAmount } = useFormFailure(form.labels);
  const [mutate, { loading }] = useMutation(mutation);
  /** Sends `input(minor)` for the typed `amount`; `done(minor)` is the notification's message. */
  async function submit(amount: string, input: (minor: number) => Input, done: (minor: number) => string) {
    await attemptAmount(amount, form.currency, async (minor) => {
      await mutate({ variables: { input: input(minor), idempotencyKey: form.requestKey } });
      notifications.show({ color: 'green', message: done(minor) });
      form.onDone();
    });
  }
  return { failure, loading, submit };
}

/** Runs an action that has no form around it: when the API refuses, its message shows as a red notification. */
export async function notifyOnFailure(action: () => Promise<unknown>): Promise<void> {
  try {
    await action();
  } catch (err) {
    notifications.show({ color: 'red', message: apiError(err).message });
  }
}

/**
 * Which record a list page's form modal edits: none (closed), a new one (`record` null) or an existing
 * one. Closing it runs `onClosed` (the page refetches its list).
 */
export function useEditor<T>(onClosed: () => void) {
  const [editing, setEditing] = useState<T | 'new' | null>(null);
  return {
    isOpen: editing !== null,
    record: editing === 'new' ? null : editing,
    edit: (record: T | 'new') => setEditing(record),
    close: () => {
      setEditing(null);
      onClosed();
    },
  };
}

/**
 * A form modal's save: `update` for an existing record (`{ id, input }`), `create` for a new one
 * (`{ input }`), and whether either is running. Both return the record, so Apollo's cache updates the list.
 */
export function useCreateOrUpdate<CreateInput, UpdateInput>(documents: {
  create: TypedDocumentNode<unknown, { input: CreateInput }>;
  update: TypedDocumentNode<unknown, { id: string; input: UpdateInput }>;
}) {
  const [create, creating] = useMutation(documents.create);
  const [update, updating] = useMutation(documents.update);
  return {
    save: (target: { id: string; input: UpdateInput } | { input: CreateInput }) =>
      'id' in target ? update({ variables: target }) : create({ variables: target }),
    saving: creating.loading || updating.loading,
  };
}
