/**
 * The consent of a person, as the form records it: a box to tick (required), its day (today by default),
 * what it covers (by default all of it, as the server: the referral, sharing the record with the
 * organisation running the programme when it is another one, the follow-up), and the information notice
 * to print and hand over (a PDF link).
 */
import { useTranslation } from 'react-i18next';
import { CONSENT_COVERS, type ConsentCover, peopleDocuments } from '../peopleApi.ts';
import { Field } from './forms.tsx';
import { todayDay } from './inventory.tsx';

export function ConsentFields({
  given,
  onGiven,
  givenOn,
  onGivenOn,
  covers,
  onCovers,
  organisationId,
  error,
  idPrefix = 'beneficiary',
}: {
  given: boolean;
  onGiven: (value: boolean) => void;
  givenOn: string;
  onGivenOn: (value: string) => void;
  covers: ConsentCover[];
  onCovers: (value: ConsentCover[]) => void;
  organisationId: string | null;
  error: string;
  idPrefix?: string;
}) {
  const { t } = useTranslation();
  return (
    <fieldset
      className="fieldset consent-fields"
      aria-describedby={error ? `${idPrefix}-consent-error` : undefined}
    >
      <legend>{t('consent.title')}</legend>
      <p className="help">{t('consent.intro')}</p>
      <p>
        <a href={peopleDocuments.informationNotice(organisationId)} type="application/pdf">
          {t('consent.notice')}
        </a>
      </p>
      <div className="field field-checkbox">
        <div className="checkbox-line">
          <input
            type="checkbox"
            id={`${idPrefix}-consent`}
            className="row-checkbox"
            checked={given}
            aria-required="true"
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${idPrefix}-consent-error` : undefined}
            onChange={(event) => onGiven(event.target.checked)}
          />
          <label htmlFor={`${idPrefix}-consent`}>
            {t('consent.given')} <span className="field-flag">({t('common.required')})</span>
          </label>
        </div>
        {error && (
          <p className="field-error" id={`${idPrefix}-consent-error`}>
            {error}
          </p>
        )}
      </div>
      <Field
        id={`${idPrefix}-consent-on`}
        name="consent.givenOn"
        type="date"
        label={t('consent.givenOn')}
        isRequired
        value={givenOn}
        onChange={onGivenOn}
        inputProps={{ className: 'input-short', max: todayDay() }}
        validate={(value) => (value ? null : t('validation.required'))}
      />
      <fieldset className="fieldset">
        <legend>{t('consent.covers')}</legend>
        {CONSENT_COVERS.map((cover) => {
          const id = `${idPrefix}-cover-${cover}`;
          const help = cover === 'partners' ? t('consent.partnersHelp') : '';
          return (
            <div key={cover} className="consent-cover">
              <div className="checkbox-line">
                <input
                  type="checkbox"
                  id={id}
                  className="row-checkbox"
                  checked={covers.includes(cover)}
                  aria-describedby={help ? `${id}-help` : undefined}
                  onChange={(event) =>
                    onCovers(
                      event.target.checked
                        ? CONSENT_COVERS.filter((c) => c === cover || covers.includes(c))
                        : covers.filter((c) => c !== cover),
                    )
                  }
                />
                <label htmlFor={id}>{t(`consentCovers.${cover}`)}</label>
              </div>
              {help && (
                <p className="help consent-cover-help" id={`${id}-help`}>
                  {help}
                </p>
              )}
            </div>
          );
        })}
      </fieldset>
    </fieldset>
  );
}
