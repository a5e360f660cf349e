/**
 * The « Suivi après remise » section of a programme's report: follow-ups due in the period, answers and the
 * response rate, devices still working, help asked, then how often and what for the devices are used, the
 * autonomy felt, and each follow-up time (3, 6, 12 months…) with its own rate. Every table has its caption
 * and headers; counts a funder's copy masks (« < 5 ») are read « moins de 5 ».
 */
import { useTranslation } from 'react-i18next';
import {
  AUTONOMY_ANSWERS,
  type AutonomyAnswer,
  FREQUENCY_ANSWERS,
  type FrequencyAnswer,
  USE_ANSWERS,
  type UseAnswer,
} from '../../followUpApi.ts';
import type { PeopleCount } from '../../reportsApi.ts';
import { countOf, formatShare, PeopleFigure } from '../reports/format.tsx';
import { KeyFigures, MaskableShare, ShareTable } from '../reports/parts.tsx';
import { TableScroll } from '../ui.tsx';

/** The report's `followUp` part (counts may be masked in a funder's copy). */
export interface FollowUpFigures {
  /** Whether small counts were masked for this reader. */
  masked?: boolean;
  /** Falling due in the period (not cancelled); `due`: of them, those due already. */
  scheduled: PeopleCount;
  due: PeopleCount;
  answered: PeopleCount;
  responseRate: number | null;
  stillWorking: PeopleCount;
  byFrequency: Partial<Record<FrequencyAnswer, PeopleCount>>;
  byUse: Partial<Record<UseAnswer, PeopleCount>>;
  byAutonomy: Partial<Record<AutonomyAnswer, PeopleCount>>;
  helpAsked: PeopleCount;
  byMonths: { months: number; due: PeopleCount; answered: PeopleCount }[];
}

export function FollowUpReportSection({ figures }: { figures: FollowUpFigures | undefined | null }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const f = figures;
  const masked = Boolean(f?.masked);
  const falling = f ? countOf(f.scheduled) : 0;
  return (
    <section className="card" aria-labelledby="report-followup-title">
      <h2 id="report-followup-title">{t('followup.report.title')}</h2>
      <p className="help">{t('followup.report.intro')}</p>
      {masked && <p className="help">{t('followup.report.maskedNote')}</p>}
      {!f || falling === 0 ? (
        <p className="empty">{t('followup.report.none')}</p>
      ) : (
        <>
          <KeyFigures
            label={t('followup.report.keyFigures')}
            figures={[
              {
                key: 'scheduled',
                label: t('followup.report.scheduled'),
                value: <PeopleFigure value={f.scheduled} />,
              },
              { key: 'due', label: t('followup.report.due'), value: <PeopleFigure value={f.due} /> },
              {
                key: 'answered',
                label: t('followup.report.answered'),
                value: <PeopleFigure value={f.answered} />,
              },
              {
                key: 'rate',
                label: t('followup.report.responseRate'),
                value:
                  f.responseRate === null
                    ? t('followup.report.noRate')
                    : formatShare(f.responseRate, language),
              },
              {
                key: 'working',
                label: t('followup.report.stillWorking'),
                value: <PeopleFigure value={f.stillWorking} />,
                detail: t('followup.report.ofAnswered', { count: countOf(f.answered) ?? 0 }),
              },
              {
                key: 'help',
                label: t('followup.report.helpAsked'),
                value: <PeopleFigure value={f.helpAsked} />,
              },
            ]}
          />
          <ShareTable
            countHeader={t('followup.report.colPersons')}
            caption={t('followup.report.byFrequency')}
            header={t('followup.report.colAnswer')}
            base={f.answered}
            rows={FREQUENCY_ANSWERS.map((v) => ({
              key: v,
              label: t(`followup.choices.frequency.${v}`),
              count: f.byFrequency[v] ?? 0,
            }))}
          />
          <ShareTable
            countHeader={t('followup.report.colPersons')}
            caption={t('followup.report.byUse')}
            header={t('followup.report.colUse')}
            base={f.answered}
            note={t('followup.report.byUseNote')}
            rows={USE_ANSWERS.map((v) => ({
              key: v,
              label: t(`followup.choices.uses.${v}`),
              count: f.byUse[v] ?? 0,
            }))}
          />
          <ShareTable
            countHeader={t('followup.report.colPersons')}
            caption={t('followup.report.byAutonomy')}
            header={t('followup.report.colAnswer')}
            base={f.answered}
            rows={AUTONOMY_ANSWERS.map((v) => ({
              key: v,
              label: t(`followup.choices.autonomy.${v}`),
              count: f.byAutonomy[v] ?? 0,
            }))}
          />
          {f.byMonths.length > 0 && (
            <>
              <h3 className="subheading">{t('followup.report.byMonths')}</h3>
              <TableScroll label={t('followup.report.byMonths')}>
                <table>
                  <caption className="visually-hidden">{t('followup.report.byMonths')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('followup.report.colMonths')}</th>
                      <th scope="col" className="numeric">
                        {t('followup.report.colDue')}
                      </th>
                      <th scope="col" className="numeric">
                        {t('followup.report.colAnswered')}
                      </th>
                      <th scope="col" className="numeric">
                        {t('followup.report.colRate')}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {f.byMonths.map((row) => (
                      <tr key={row.months}>
                        <th scope="row">{t('followup.report.monthsRow', { count: row.months })}</th>
                        <td className="numeric">
                          <PeopleFigure value={row.due} />
                        </td>
                        <td className="numeric">
                          <PeopleFigure value={row.answered} />
                        </td>
                        <td className="numeric">
                          {countOf(row.due) === 0 ? (
                            t('common.none')
                          ) : (
                            <MaskableShare count={row.answered} base={row.due} />
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableScroll>
            </>
          )}
        </>
      )}
    </section>
  );
}
