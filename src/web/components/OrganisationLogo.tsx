/** An organisation's logo, printed on its documents: shown to all, chosen or removed by its administrators. */
import { type FormEvent, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Organisation } from '../api.ts';
import { ConfirmButton, SubmitButton } from './forms.tsx';
import { errorText, useAnnounce } from './ui.tsx';

/** The server's limit (300 kB), checked here first so a large file is not sent for nothing. */
const MAX_BYTES = 300_000;

function readAsDataUrl(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

export function OrganisationLogo({
  organisation,
  onChange,
}: {
  organisation: Organisation;
  onChange: (updated: Organisation) => void;
}) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const fileId = useId();
  const fileRef = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  // A new address after each change, so the browser shows the new image rather than its cached copy.
  const [version, setVersion] = useState(0);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (!file) {
      setError(t('orgLogo.noFile'));
      fileRef.current?.focus();
      return;
    }
    if (file.size > MAX_BYTES) {
      setError(t('orgLogo.tooLarge', { size: Math.ceil(file.size / 1000) }));
      fileRef.current?.focus();
      return;
    }
    setBusy(true);
    setError('');
    try {
      const updated = await api.setOrganisationLogo(organisation.id, await readAsDataUrl(file));
      setFile(null);
      if (fileRef.current) fileRef.current.value = '';
      setVersion((v) => v + 1);
      onChange(updated);
      announce(t('orgLogo.saved'));
    } catch (err) {
      setError(errorText(err, t('errors.unexpected')));
      fileRef.current?.focus();
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby="logo-title">
      <h2 id="logo-title">{t('orgLogo.title')}</h2>
      <p className="help">{t('orgLogo.help')}</p>
      {organisation.hasLogo ? (
        <img
          className="organisation-logo"
          src={`/api/v1/organisations/${organisation.id}/logo?v=${version}`}
          alt={t('orgLogo.alt', { name: organisation.name })}
        />
      ) : (
        <p>{t('orgLogo.none')}</p>
      )}
      {organisation.can.update && (
        <form onSubmit={submit} noValidate aria-busy={busy}>
          <div className="field">
            <label htmlFor={fileId}>
              {organisation.hasLogo ? t('orgLogo.replace') : t('orgLogo.choose')}
            </label>
            <p className="help" id={`${fileId}-help`}>
              {t('orgLogo.fileHelp')}
            </p>
            <input
              id={fileId}
              ref={fileRef}
              type="file"
              accept="image/png,image/jpeg"
              className="file-input"
              aria-describedby={`${fileId}-help${error ? ` ${fileId}-error` : ''}`}
              aria-invalid={error ? true : undefined}
              onChange={(event) => {
                setFile(event.target.files?.[0] ?? null);
                setError('');
              }}
            />
            {error && (
              <p className="field-error" id={`${fileId}-error`} role="alert">
                {error}
              </p>
            )}
          </div>
          <div className="actions">
            <SubmitButton busy={busy}>{t('orgLogo.save')}</SubmitButton>
            {organisation.hasLogo && (
              <ConfirmButton
                label={t('orgLogo.remove')}
                title={t('orgLogo.removeTitle')}
                message={<p>{t('orgLogo.removeText')}</p>}
                confirmLabel={t('orgLogo.remove')}
                onConfirm={async () => {
                  onChange(await api.removeOrganisationLogo(organisation.id));
                  announce(t('orgLogo.removed'));
                }}
              />
            )}
          </div>
        </form>
      )}
    </section>
  );
}
