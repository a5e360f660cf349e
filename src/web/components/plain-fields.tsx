/**
 * The plain fields of the login pages (login, second-factor code, forgotten password): a label, an input and
 * the form's error region, without the form library, so that the first page loads little on a slow line.
 */
import type { InputHTMLAttributes, Ref } from 'react';

/** The form's error region: always present (an alert added later is not reliably announced), empty when fine. */
export function FormAlert({ id, message }: { id: string; message: string | null }) {
  return (
    <div id={id} role="alert" className={message ? 'alert alert-error' : undefined}>
      {message}
    </div>
  );
}

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'value' | 'onChange' | 'ref'>;

/** An account's e-mail address, as the password managers expect it. */
export const EMAIL_INPUT: InputProps = {
  type: 'email',
  name: 'email',
  autoComplete: 'username',
  inputMode: 'email',
  spellCheck: false,
  required: true,
};

/** A labelled input; `invalid` marks it for assistive technologies, `describedBy` names the texts about it. */
export function PlainField({
  id,
  label,
  value,
  onChange,
  inputRef,
  invalid,
  describedBy,
  ...input
}: InputProps & {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  inputRef?: Ref<HTMLInputElement>;
  invalid: boolean;
  describedBy?: string;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        ref={inputRef}
        {...input}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={invalid ? true : undefined}
        aria-describedby={describedBy}
      />
    </div>
  );
}
