/**
 * Form pieces built on react-aria-components: labelled text fields whose errors (ours or the server's)
 * sit next to them with aria-invalid/aria-describedby, an error summary that takes focus, and buttons
 * that ask in a modal dialog for a confirmation or for one text (a reason, a problem's description).
 */
import {
  type ChangeEvent,
  type FormEvent,
  type ReactNode,
  type Ref,
  useContext,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
} from 'react';
import {
  Button,
  Checkbox,
  Dialog,
  DialogTrigger,
  FieldError,
  Form,
  FormValidationContext,
  Heading,
  Input,
  type InputProps,
  Label,
  Modal,
  ModalOverlay,
  Text,
  TextArea,
  type TextAreaProps,
  TextField,
  type TextFieldProps,
} from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../../lib/limits.ts';
import { ApiError } from '../api.ts';
import { errorText } from './ui.tsx';

export interface FieldProps extends Omit<TextFieldProps, 'children' | 'className'> {
  /** The input's id, also the target of the error summary's links. */
  id: string;
  label: string;
  description?: ReactNode;
  inputProps?: InputProps;
  /** Shows "(optional)" after the label. */
  optional?: boolean;
}

/** A text field: label, optional help text, input and its error message. */
export function Field({ label, description, inputProps, optional, isRequired, ...props }: FieldProps) {
  const { t } = useTranslation();
  return (
    <TextField className="field" isRequired={isRequired ?? false} {...props}>
      <Label>
        {label}
        {isRequired && <span className="field-flag"> ({t('common.required')})</span>}
        {optional && <span className="field-flag"> ({t('common.optional')})</span>}
      </Label>
      {description && (
        <Text slot="description" className="help">
          {description}
        </Text>
      )}
      <Input {...inputProps} />
      <FieldError className="field-error" />
    </TextField>
  );
}

export interface TextAreaFieldProps extends Omit<TextFieldProps, 'children' | 'className'> {
  id: string;
  label: string;
  description?: ReactNode;
  textAreaProps?: TextAreaProps;
  optional?: boolean;
  rows?: number;
}

/** A multi-line text field: label, optional help text, text area and its error message. */
export function TextAreaField({
  label,
  description,
  textAreaProps,
  optional,
  isRequired,
  rows = 3,
  ...props
}: TextAreaFieldProps) {
  const { t } = useTranslation();
  return (
    <TextField className="field" isRequired={isRequired ?? false} {...props}>
      <Label>
        {label}
        {isRequired && <span className="field-flag"> ({t('common.required')})</span>}
        {optional && <span className="field-flag"> ({t('common.optional')})</span>}
      </Label>
      {description && (
        <Text slot="description" className="help">
          {description}
        </Text>
      )}
      <TextArea rows={rows} {...textAreaProps} />
      <FieldError className="field-error" />
    </TextField>
  );
}

function CheckMark() {
  return (
    <svg viewBox="0 0 18 18" aria-hidden="true" focusable="false">
      <polyline points="3.5 9.5 7.5 13 14.5 5" fill="none" stroke="currentColor" strokeWidth="2.5" />
    </svg>
  );
}

/** A single checkbox with its label (react-aria's, styled like the others). */
export function CheckboxField({
  id,
  name,
  label,
  isSelected,
  onChange,
  description,
}: {
  id: string;
  name?: string;
  label: ReactNode;
  isSelected: boolean;
  onChange: (value: boolean) => void;
  description?: string;
}) {
  return (
    <div className="field field-checkbox">
      <Checkbox
        id={id}
        {...(name ? { name } : {})}
        className="checkbox"
        isSelected={isSelected}
        onChange={onChange}
        {...(description ? { 'aria-describedby': `${id}-help` } : {})}
      >
        <span className="checkbox-box" aria-hidden="true">
          <CheckMark />
        </span>
        {label}
      </Checkbox>
      {description && (
        <p className="help" id={`${id}-help`}>
          {description}
        </p>
      )}
    </div>
  );
}

export interface SelectOption {
  value: string;
  label: string;
}

/**
 * A native `<select>` with its label, help and error, inside a react-aria `Form`: fast with a keyboard
 * (type the first letters), native pickers on phones. The server's error for its `name` shows until the
 * value changes; `error` is our own check's message.
 */
export function SelectField({
  id,
  name,
  label,
  value,
  onChange,
  options,
  placeholder,
  description,
  isRequired,
  optional,
  error,
  selectRef,
  className,
}: {
  id: string;
  name: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  options: readonly SelectOption[];
  /** A first, empty choice ("Choose…", "None"). */
  placeholder?: string;
  description?: ReactNode;
  isRequired?: boolean;
  optional?: boolean;
  error?: string | null;
  selectRef?: Ref<HTMLSelectElement>;
  className?: string;
}) {
  const { t } = useTranslation();
  const serverErrors = useContext(FormValidationContext);
  const serverError = serverErrors?.[name];
  const [changedSince, setChangedSince] = useState<unknown>(null);
  const shownServerError = serverError && changedSince !== serverErrors ? serverError : null;
  const message = error || (Array.isArray(shownServerError) ? shownServerError[0] : shownServerError) || '';
  const describedBy = [description ? `${id}-help` : '', message ? `${id}-error` : ''].filter(Boolean);
  return (
    <div className={className ? `field ${className}` : 'field'}>
      <label htmlFor={id}>
        {label}
        {isRequired && <span className="field-flag"> ({t('common.required')})</span>}
        {optional && <span className="field-flag"> ({t('common.optional')})</span>}
      </label>
      {description && (
        <p className="help" id={`${id}-help`}>
          {description}
        </p>
      )}
      <select
        id={id}
        name={name}
        ref={selectRef}
        value={value}
        aria-invalid={message ? true : undefined}
        aria-required={isRequired || undefined}
        {...(describedBy.length > 0 ? { 'aria-describedby': describedBy.join(' ') } : {})}
        onChange={(event: ChangeEvent<HTMLSelectElement>) => {
          setChangedSince(serverErrors);
          onChange(event.target.value);
        }}
      >
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      {message && (
        <p className="field-error" id={`${id}-error`}>
          {message}
        </p>
      )}
    </div>
  );
}

/**
 * A decimal number as typed in France or elsewhere ("1,5", "1.5", " 16 "): undefined when empty, NaN
 * when it is not a number.
 */
export function parseDecimal(text: string): number | undefined {
  const trimmed = text.trim().replace(/\s/g, '').replace(',', '.');
  if (!trimmed) return undefined;
  if (!/^-?\d*\.?\d+$|^-?\d+\.$/.test(trimmed)) return Number.NaN;
  return Number(trimmed);
}

/** A number for an input, with the decimal comma in French. */
export function decimalText(value: number | null | undefined, language: string): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return language === 'fr' ? text.replace('.', ',') : text;
}

export interface SummaryField {
  /** The id of the input to focus. */
  id: string;
  label: string;
}

/**
 * The failure of a form's submission: the server's message, then one link per invalid field. Takes focus
 * when it appears so that keyboard and screen-reader users land on it.
 */
export function ErrorSummary({
  error,
  fields,
  clientErrors,
  takeFocus = true,
}: {
  error?: unknown;
  /** The form's fields by name: a server error's whole path (`subsidies.0.amountCents`), else its first segment. */
  fields: Record<string, SummaryField>;
  /** Errors found before sending, by field name. */
  clientErrors?: Record<string, string>;
  /** False where the form itself moves the focus (to the first invalid field, for a barcode scanner). */
  takeFocus?: boolean;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const entries: { key: string; label: string; message: string; id?: string }[] = [];
  if (error instanceof ApiError) {
    for (const problem of error.errors) {
      const name = problem.path.split('.')[0] ?? '';
      const field = fields[problem.path] ?? fields[name];
      entries.push({
        key: problem.path,
        label: field?.label ?? problem.path,
        message: problem.message,
        ...(field ? { id: field.id } : {}),
      });
    }
  }
  for (const [name, message] of Object.entries(clientErrors ?? {})) {
    const field = fields[name];
    entries.push({ key: name, label: field?.label ?? name, message, ...(field ? { id: field.id } : {}) });
  }
  const visible = Boolean(error) || entries.length > 0;
  const detail = error ? errorText(error, t('errors.unexpected')) : '';
  // With field errors listed, the server's generic "some fields are invalid" (a 400, or a 422 refusing a
  // rule on named fields) would only repeat them.
  const genericInvalid =
    error instanceof ApiError &&
    (error.code === 'INVALID_INPUT' || error.code === 'RULE_REFUSED') &&
    entries.length > 0;
  const showDetail = Boolean(detail) && !genericInvalid && !entries.some((entry) => entry.message === detail);
  // biome-ignore lint/correctness/useExhaustiveDependencies: each new failure takes the focus again.
  useEffect(() => {
    if (visible && takeFocus) ref.current?.focus();
  }, [visible, error, clientErrors]);
  if (!visible) return null;
  // « Champ : message » in French, "Field: message" in English: the spacing is the language's.
  const entryText = (entry: { label: string; message: string }) =>
    t('errors.summaryEntry', { label: entry.label, message: entry.message });
  return (
    <div className="alert alert-error error-summary" role="alert" tabIndex={-1} ref={ref}>
      <h2>{t('errors.summaryTitle')}</h2>
      {showDetail ? <p>{detail}</p> : null}
      {entries.length > 0 && (
        <>
          <p>{t('errors.summary', { count: entries.length })}</p>
          <ul>
            {entries.map((entry) => (
              <li key={entry.key}>
                {entry.id ? (
                  <a
                    href={`#${entry.id}`}
                    onClick={(event) => {
                      event.preventDefault();
                      const target = document.getElementById(entry.id as string);
                      target?.focus();
                      target?.scrollIntoView({ block: 'center' });
                    }}
                  >
                    {entryText(entry)}
                  </a>
                ) : (
                  entryText(entry)
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

const NO_ERRORS: Record<string, string> = {};

/**
 * Server field errors by field name, for `<Form validationErrors>`. Memoised: a new object would tell
 * the fields that the server answered again, and bring back errors the person has already corrected.
 */
export function useServerFieldErrors(error: unknown): Record<string, string> {
  return useMemo(() => (error instanceof ApiError ? error.fieldErrors() : NO_ERRORS), [error]);
}

/**
 * Server field errors by whole path (`eligibility.maxAge`, `subsidies.0.amountCents`) and by first segment,
 * for forms whose fields are named with the server's paths. Memoised like {@link useServerFieldErrors}.
 */
export function useServerPathErrors(error: unknown): Record<string, string> {
  return useMemo(() => {
    if (!(error instanceof ApiError)) return NO_ERRORS;
    const out: Record<string, string> = {};
    for (const problem of error.errors) {
      if (!(problem.path in out)) out[problem.path] = problem.message;
      const first = problem.path.split('.')[0] ?? '';
      if (first && !(first in out)) out[first] = problem.message;
    }
    return out;
  }, [error]);
}

/**
 * A button that opens a confirmation dialog; the action runs only once confirmed. While it runs the
 * buttons are disabled; a failure is shown in the dialog.
 */
export function ConfirmButton({
  label,
  ariaLabel,
  title,
  message,
  confirmLabel,
  onConfirm,
  danger = true,
  className,
}: {
  label: string;
  ariaLabel?: string;
  title: string;
  message: ReactNode;
  confirmLabel: string;
  onConfirm: () => Promise<void>;
  danger?: boolean;
  className?: string;
}) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const tone = danger ? 'button-danger' : 'button-primary';
  return (
    <DialogTrigger onOpenChange={() => setError(null)}>
      <Button
        className={className ?? `button button-small ${danger ? 'button-danger-outline' : ''}`}
        aria-label={ariaLabel}
      >
        {label}
      </Button>
      <ModalOverlay className="modal-overlay" isDismissable={!busy} isKeyboardDismissDisabled={busy}>
        <Modal className="modal">
          <Dialog role="alertdialog" className="dialog">
            {({ close }) => (
              <>
                <Heading slot="title" className="dialog-title">
                  {title}
                </Heading>
                <div className="dialog-body">{message}</div>
                {error ? (
                  <p className="alert alert-error" role="alert">
                    {errorText(error, t('errors.unexpected'))}
                  </p>
                ) : null}
                <div className="dialog-actions">
                  <Button className="button button-secondary" onPress={close} isDisabled={busy} autoFocus>
                    {t('common.cancel')}
                  </Button>
                  <Button
                    className={`button ${tone}`}
                    isDisabled={busy}
                    onPress={async () => {
                      setBusy(true);
                      setError(null);
                      try {
                        await onConfirm();
                        setBusy(false);
                        close();
                      } catch (err) {
                        setBusy(false);
                        setError(err);
                      }
                    }}
                  >
                    {busy ? t('common.loading') : confirmLabel}
                  </Button>
                </div>
              </>
            )}
          </Dialog>
        </Modal>
      </ModalOverlay>
    </DialogTrigger>
  );
}

export interface NewPasswordFieldsProps {
  idPrefix: string;
  /** The field's name, as the server's errors name it (e.g. `newPassword`, `password`). */
  name: string;
  label: string;
  confirmLabel: string;
  password: string;
  onPasswordChange: (value: string) => void;
  confirm: string;
  onConfirmChange: (value: string) => void;
}

/** A new password and its confirmation, with the password rules the server applies. */
export function NewPasswordFields(props: NewPasswordFieldsProps) {
  const { t } = useTranslation();
  return (
    <>
      <Field
        id={`${props.idPrefix}-password`}
        name={props.name}
        type="password"
        label={props.label}
        isRequired
        value={props.password}
        onChange={props.onPasswordChange}
        autoComplete="new-password"
        maxLength={PASSWORD_MAX_LENGTH}
        validate={(value) =>
          value.length >= PASSWORD_MIN_LENGTH
            ? null
            : t('validation.passwordLength', { min: PASSWORD_MIN_LENGTH })
        }
      />
      <Field
        id={`${props.idPrefix}-confirm`}
        name="confirmPassword"
        type="password"
        label={props.confirmLabel}
        isRequired
        value={props.confirm}
        onChange={props.onConfirmChange}
        autoComplete="new-password"
        maxLength={PASSWORD_MAX_LENGTH}
        validate={(value) => (value === props.password ? null : t('validation.passwordMismatch'))}
      />
    </>
  );
}

/**
 * A form's submit button: says « Enregistrement… » while the request runs, and stays focusable then
 * (`aria-disabled`, not `disabled`, so screen readers do not lose it).
 */
export function SubmitButton({
  busy,
  tone = 'primary',
  small = false,
  children,
}: {
  busy: boolean;
  tone?: 'primary' | 'danger';
  small?: boolean;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <button
      type="submit"
      className={`button ${small ? 'button-small ' : ''}button-${tone}`}
      aria-disabled={busy}
    >
      {busy ? t('common.saving') : children}
    </button>
  );
}

/**
 * A button opening a dialog that asks for one required text (a reason, a description of a problem), then
 * sends it. The text is emptied each time the dialog opens; a refusal from the server shows inside the
 * dialog, on the field when it names it (`name`), and keeps what was typed.
 */
export function TextDialogButton({
  label,
  ariaLabel,
  buttonClassName,
  title,
  text,
  name,
  fieldLabel,
  fieldHelp,
  requiredMessage,
  maxLength,
  rows = 3,
  cancelLabel,
  submitLabel,
  tone = 'primary',
  onSubmit,
}: {
  label: string;
  ariaLabel?: string;
  buttonClassName: string;
  title: string;
  text: string;
  /** The field's name in the request (its path in the server's field errors). */
  name: string;
  fieldLabel: string;
  fieldHelp: string;
  requiredMessage: string;
  maxLength: number;
  rows?: number;
  cancelLabel: string;
  submitLabel: string;
  tone?: 'primary' | 'danger';
  /** Sends the text (trimmed); the dialog closes when it resolves. */
  onSubmit: (value: string) => Promise<void>;
}) {
  const ids = useId();
  const [value, setValue] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const serverErrors = useServerPathErrors(error);
  const fields: Record<string, SummaryField> = { [name]: { id: `${ids}-${name}`, label: fieldLabel } };
  return (
    <DialogTrigger
      onOpenChange={(open) => {
        if (open) {
          setValue('');
          setError(null);
        }
      }}
    >
      <Button className={buttonClassName} {...(ariaLabel ? { 'aria-label': ariaLabel } : {})}>
        {label}
      </Button>
      <ModalOverlay className="modal-overlay" isDismissable={!busy} isKeyboardDismissDisabled={busy}>
        <Modal className="modal">
          <Dialog className="dialog">
            {({ close }) => (
              <Form
                className="form"
                validationErrors={serverErrors}
                aria-busy={busy}
                onSubmit={async (event: FormEvent<HTMLFormElement>) => {
                  event.preventDefault();
                  if (busy) return;
                  setBusy(true);
                  setError(null);
                  try {
                    await onSubmit(value.trim());
                    setBusy(false);
                    close();
                  } catch (err) {
                    setBusy(false);
                    setError(err);
                  }
                }}
              >
                <Heading slot="title" className="dialog-title">
                  {title}
                </Heading>
                <p className="dialog-body">{text}</p>
                <ErrorSummary error={error} fields={fields} />
                <TextAreaField
                  id={`${ids}-${name}`}
                  name={name}
                  label={fieldLabel}
                  description={fieldHelp}
                  isRequired
                  rows={rows}
                  value={value}
                  onChange={setValue}
                  maxLength={maxLength}
                  validate={(typed) => (typed.trim() ? null : requiredMessage)}
                />
                <div className="dialog-actions">
                  <Button className="button button-secondary" onPress={close} isDisabled={busy}>
                    {cancelLabel}
                  </Button>
                  <SubmitButton busy={busy} tone={tone}>
                    {submitLabel}
                  </SubmitButton>
                </div>
              </Form>
            )}
          </Dialog>
        </Modal>
      </ModalOverlay>
    </DialogTrigger>
  );
}
