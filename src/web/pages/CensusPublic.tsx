/**
 * The public census page of a programme (`/besoins/<programme>`, no account): in plain words, who prepares
 * the programme and for which towns, then one form (who, what, why, where, optionally a name and contact
 * with the consent box), then a page saying what happens next. A closed page says so kindly (the server
 * answers 404 and tells nothing about the programme).
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ApiError } from '../api.ts';
import { censusApi } from '../censusApi.ts';
import { NeedForm } from '../components/census/NeedForm.tsx';
import { ErrorAlert, formatDate, Loading, Page, useLoad } from '../components/ui.tsx';

function Sent({
  named,
  organisation,
  onAgain,
}: {
  named: boolean;
  organisation: string;
  onAgain: () => void;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLHeadingElement>(null);
  // The message takes the focus: the form it replaces is gone.
  useEffect(() => ref.current?.focus(), []);
  return (
    <section className="card" aria-labelledby="census-sent">
      <h2 id="census-sent" ref={ref} tabIndex={-1}>
        {t('census.public.sentTitle')}
      </h2>
      <p>{named ? t('census.public.sentNamed', { organisation }) : t('census.public.sentAnonymous')}</p>
      <p>
        <button type="button" className="button button-secondary" onClick={onAgain}>
          {t('census.public.sentAgain')}
        </button>
      </p>
    </section>
  );
}

export default function CensusPublic() {
  const { t, i18n } = useTranslation();
  const { programmeId = '' } = useParams();
  const loaded = useLoad((signal) => censusApi.publicCensus(programmeId, signal), [programmeId]);
  const [sent, setSent] = useState<{ named: boolean } | null>(null);
  const [round, setRound] = useState(0);

  const closed = loaded.error instanceof ApiError && loaded.error.status === 404;
  if (closed) {
    return (
      <Page title={t('census.public.closedTitle')} className="page-narrow">
        <p>{t('census.public.closedText')}</p>
      </Page>
    );
  }
  const census = loaded.data;
  return (
    <Page title={t('census.public.title')} className="page-narrow">
      <ErrorAlert error={loaded.error} onRetry={loaded.reload} />
      {!census && !loaded.error && <Loading />}
      {census && (
        <>
          <p>
            {t('census.public.who', {
              organisation: census.organisationName,
              programme: census.programmeName,
            })}
          </p>
          <p>{t('census.public.why')}</p>
          {/* The owner's own words, written in French (their language is not recorded): labelled so that a
              screen reader reads them with French pronunciation on the English page. Not translated. */}
          {census.introduction && (
            <p className="pre-line" lang="fr">
              {census.introduction}
            </p>
          )}
          {census.towns.length > 0 && <p>{t('census.public.towns', { towns: census.towns.join(', ') })}</p>}
          {census.closesOn && (
            <p>{t('census.public.closesOn', { day: formatDate(census.closesOn, i18n.language) })}</p>
          )}
          <p className="alert alert-info">{t('census.public.notAPromise')}</p>
          {sent ? (
            <Sent
              named={sent.named}
              organisation={census.organisationName}
              onAgain={() => {
                setSent(null);
                setRound((n) => n + 1);
              }}
            />
          ) : (
            <NeedForm
              key={round}
              organisationName={census.organisationName}
              towns={census.towns}
              kinds={census.kinds}
              submitLabel={t('census.public.submit')}
              onSubmit={async (input) => {
                const reply = await censusApi.registerPublic(programmeId, input);
                setSent({ named: reply.named });
              }}
            />
          )}
        </>
      )}
    </Page>
  );
}
