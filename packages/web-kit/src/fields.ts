import type { ReactNode } from 'react';

/** The props that tie a text input (TextInput, PasswordInput, Textarea) to a string in state, with its error under it. */
export function bindText(value: string, set: (value: string) => void, error?: ReactNode) {
  return { value, onChange: (e: { currentTarget: { value: string } }) => set(e.currentTarget.value), error };
}
