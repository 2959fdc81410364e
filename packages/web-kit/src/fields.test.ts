import { describe, expect, it } from 'vitest';
import { bindChecked, bindFields } from './fields';

describe('field bindings', () => {
  it('bindFields binds one text field of a form object, with its error, and updates only that field', () => {
    let form = { email: 'a@b.c', password: '' };
    const set = (update: (f: typeof form) => typeof form) => (form = update(form));
    const email = bindFields(form, set, { email: 'Not an email' })('email');
    expect(email.value).toBe('a@b.c');
    expect(email.error).toBe('Not an email');
    email.onChange({ currentTarget: { value: 'x@y.z' } });
    expect(form).toEqual({ email: 'x@y.z', password: '' });
    expect(bindFields(form, set)('password').error).toBeUndefined();
  });

  it('bindChecked ties a switch to a boolean', () => {
    let on = false;
    const props = bindChecked(on, (v) => (on = v), 'Required');
    expect(props).toMatchObject({ checked: false, error: 'Required' });
    props.onChange({ currentTarget: { checked: true } });
    expect(on).toBe(true);
  });
});
