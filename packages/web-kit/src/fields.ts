import type { ReactNode } from 'react';

/** The props that tie a text input (TextInput, PasswordInput, Textarea) to a string in state, with its error under it. */
export function bindText(value: string, set: (value: string) => void, error?: ReactNode) {
  return { value, onChange: (e: { currentTarget: { value: string } }) => set(e.currentTarget.value), error };
}

/** The props that tie a checkbox or switch to a boolean in state, with its error under it. */
export function bindChecked(checked: boolean, set: (checked: boolean) => void, error?: ReactNode) {
  return { checked, onChange: (e: { currentTarget: { checked: boolean } }) => set(e.currentTarget.checked), error };
}

/**
 * bindText for a form whose text fields are one object in state: `field('email')` binds `form.email`,
 * with the message `errors` has for that field (an API failure's field messages).
 */
export function bindFields<F extends Record<string, string>>(
  form: F,
  set: (update: (form: F) => F) => void,
  errors?: Readonly<Record<string, ReactNode>>,
) {
  return (key: keyof F & string) =>
    bindText(form[key], (value) => set((current) => ({ ...current, [key]: value })), errors?.[key]);
}
