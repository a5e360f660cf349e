/**
 * A programme's budget and co-financing plan (`/programmes/:id/budget`), for its owner's administrators,
 * managers (who change it) and viewers (who read it): what it comes to (planned, committed, spent; what
 * the funders were asked, granted and paid; what remains to be funded), the budget lines year by year
 * (derived lines computed from the facts, shown as such), and the co-financing plan with each funder's
 * answer, agreement and payments. Every change is made in a dialog; every deletion is confirmed first.
 */
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { type Budget, type BudgetLine, budgetsApi, type Funding, type FundingStatus } from '../budgetsApi.ts';
import { DialogButton, FundingForm, LineForm, PaymentForm } from '../components/budgets/BudgetForms.tsx';
import { coveredYearsText } from '../components/budgets/ReportBudgetSection.tsx';
import { StatementExport } from '../components/budgets/StatementExport.tsx';
import { ConfirmButton } from '../components/forms.tsx';
import { deName } from '../components/french.ts';
import { EmptyState } from '../components/help.tsx';
import { formatDay } from '../components/inventory.tsx';
import { formatMoney } from '../components/people.tsx';
import { KeyFigures } from '../components/reports/parts.tsx';
import { ErrorAlert, Loading, Page, TableScroll, useAnnounce, useLoad } from '../components/ui.tsx';
import { peopleApi } from '../peopleApi.ts';

const STATUS_TONES: Record<FundingStatus, string> = {
  requested: 'status-pending',
  granted: 'status-ok',
  partly_received: 'status-ok',
  received: 'status-ok',
  refused: 'status-off',
};

function FundingStatusBadge({ status }: { status: FundingStatus }) {
  const { t } = useTranslation();
  return <span className={`status ${STATUS_TONES[status]}`}>{t(`budgets.statuses.${status}`)}</span>;
}

function Summary({ budget }: { budget: Budget }) {
  const { t, i18n } = useTranslation();
  const money = (cents: number) => formatMoney(cents, i18n.language);
  const { overall } = budget.totals;
  const c = budget.cofinancing;
  const covered = coveredYearsText(t, budget.coveredFrom, budget.coveredTo);
  return (
    <section className="card" aria-labelledby="budget-summary-title">
      <h2 id="budget-summary-title">{t('budgets.totals.heading')}</h2>
      {covered && <p className="muted">{covered}</p>}
      <KeyFigures
        label={t('budgets.totals.heading')}
        figures={[
          { key: 'planned', label: t('budgets.totals.planned'), value: money(overall.plannedCents) },
          { key: 'committed', label: t('budgets.totals.committed'), value: money(overall.committedCents) },
          { key: 'spent', label: t('budgets.totals.spent'), value: money(overall.spentCents) },
          { key: 'requested', label: t('budgets.totals.requested'), value: money(c.requestedCents) },
          { key: 'granted', label: t('budgets.totals.granted'), value: money(c.grantedCents) },
          { key: 'pending', label: t('budgets.totals.pending'), value: money(c.pendingCents) },
          { key: 'received', label: t('budgets.totals.received'), value: money(c.receivedCents) },
          {
            key: 'unfunded',
            label: t('budgets.totals.unfunded'),
            value: money(c.unfundedCents),
            detail: t('budgets.totals.unfundedHelp'),
          },
          ...(c.overfundedCents > 0
            ? [
                {
                  key: 'overfunded',
                  label: t('budgets.totals.overfunded'),
                  value: money(c.overfundedCents),
                  detail: t('budgets.totals.overfundedHelp'),
                },
              ]
            : []),
        ]}
      />
    </section>
  );
}

function LineRow({
  line,
  budget,
  onChanged,
}: {
  line: Budget['lines'][number];
  budget: Budget;
  onChanged: (message: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const money = (cents: number) => formatMoney(cents, i18n.language);
  const derived = line.basis !== 'entered';
  const editable: BudgetLine = derived ? { ...line, committedCents: null, spentCents: null } : line;
  return (
    <tr>
      <td>{t(`budgets.categories.${line.category}`)}</td>
      <th scope="row">
        {line.label}
        {line.note && <span className="help"> — {line.note}</span>}
      </th>
      <td>{derived ? <em>{t(`budgets.bases.${line.basis}`)}</em> : t('budgets.bases.entered')}</td>
      <td className="numeric">{money(line.plannedCents)}</td>
      <td className="numeric">{money(line.committedCents)}</td>
      <td className="numeric">
        {money(line.spentCents)}
        {line.spentCents > line.plannedCents && (
          <>
            <br />
            <strong className="status-pending">{t('budgets.lines.overspent')}</strong>
          </>
        )}
      </td>
      {budget.can.edit && (
        <td>
          <div className="actions">
            <DialogButton
              label={t('budgets.lines.edit')}
              ariaLabel={t('budgets.lines.editLabel', { label: line.label, year: line.year })}
              className="button button-small button-secondary"
            >
              {(close) => (
                <LineForm
                  programmeId={budget.programmeId}
                  years={budget.years}
                  line={editable}
                  close={close}
                  onSaved={(saved) => onChanged(t('budgets.lines.saved', { label: saved.label }))}
                />
              )}
            </DialogButton>
            <ConfirmButton
              label={t('budgets.lines.delete')}
              ariaLabel={t('budgets.lines.deleteLabel', { label: line.label, year: line.year })}
              title={t('budgets.lines.deleteTitle')}
              message={t('budgets.lines.deleteMessage', {
                label: line.label,
                year: line.year,
                amount: money(line.plannedCents),
              })}
              confirmLabel={t('budgets.lines.confirmDelete')}
              onConfirm={async () => {
                await budgetsApi.deleteLine(line.id);
                onChanged(t('budgets.lines.deleted'));
              }}
            />
          </div>
        </td>
      )}
    </tr>
  );
}

function Lines({ budget, onChanged }: { budget: Budget; onChanged: (message: string) => void }) {
  const { t, i18n } = useTranslation();
  const money = (cents: number) => formatMoney(cents, i18n.language);
  const add = budget.can.edit && (
    <DialogButton label={t('budgets.lines.add')} className="button button-primary">
      {(close) => (
        <LineForm
          programmeId={budget.programmeId}
          years={budget.years}
          close={close}
          onSaved={(saved) => onChanged(t('budgets.lines.saved', { label: saved.label }))}
        />
      )}
    </DialogButton>
  );
  return (
    <section className="card" aria-labelledby="budget-lines-title">
      <h2 id="budget-lines-title">{t('budgets.lines.heading')}</h2>
      {budget.lines.length === 0 ? (
        <EmptyState
          message={t('budgets.lines.empty')}
          {...(budget.can.edit ? { next: t('budgets.lines.emptyNext'), actions: add } : {})}
        />
      ) : (
        <>
          {add && <div className="actions">{add}</div>}
          {budget.totals.byYear.map((year) => {
            const lines = budget.lines.filter((l) => l.year === year.year);
            const headingId = `budget-year-${year.year}`;
            return (
              <section key={year.year} aria-labelledby={headingId}>
                <h3 id={headingId}>{t('budgets.lines.yearHeading', { year: year.year })}</h3>
                {lines.length === 0 ? (
                  <p className="empty">{t('budgets.lines.emptyYear', { year: year.year })}</p>
                ) : (
                  <TableScroll label={t('budgets.lines.caption', { year: year.year })}>
                    <table className="table">
                      <caption className="visually-hidden">
                        {t('budgets.lines.caption', { year: year.year })}
                      </caption>
                      <thead>
                        <tr>
                          <th scope="col">{t('budgets.lines.category')}</th>
                          <th scope="col">{t('budgets.lines.label')}</th>
                          <th scope="col">{t('budgets.lines.basis')}</th>
                          <th scope="col" className="numeric">
                            {t('budgets.lines.planned')}
                          </th>
                          <th scope="col" className="numeric">
                            {t('budgets.lines.committed')}
                          </th>
                          <th scope="col" className="numeric">
                            {t('budgets.lines.spent')}
                          </th>
                          {budget.can.edit && <th scope="col">{t('budgets.lines.actions')}</th>}
                        </tr>
                      </thead>
                      <tbody>
                        {lines.map((line) => (
                          <LineRow key={line.id} line={line} budget={budget} onChanged={onChanged} />
                        ))}
                      </tbody>
                      <tfoot>
                        <tr>
                          <th scope="row" colSpan={3}>
                            {t('budgets.totals.year', { year: year.year })}
                          </th>
                          <td className="numeric">{money(year.plannedCents)}</td>
                          <td className="numeric">{money(year.committedCents)}</td>
                          <td className="numeric">{money(year.spentCents)}</td>
                          {budget.can.edit && <td />}
                        </tr>
                      </tfoot>
                    </table>
                  </TableScroll>
                )}
              </section>
            );
          })}
        </>
      )}
    </section>
  );
}

function FundingRow({
  funding,
  budget,
  onChanged,
}: {
  funding: Funding;
  budget: Budget;
  onChanged: (message: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const money = (cents: number) => formatMoney(cents, language);
  const day = (value: string) => formatDay(value, language);
  const funder = funding.funderLabel;
  const deFunder = deName(funder);
  const decision = funding.refusedOn
    ? t('budgets.fundings.refusedText', { day: day(funding.refusedOn) })
    : funding.grantedCents !== null
      ? funding.grantedOn
        ? t('budgets.fundings.grantedOnText', {
            amount: money(funding.grantedCents),
            day: day(funding.grantedOn),
          })
        : t('budgets.fundings.grantedText', { amount: money(funding.grantedCents) })
      : t('budgets.fundings.pendingText');
  return (
    <tr>
      <th scope="row">{funder}</th>
      <td className="numeric">
        {money(funding.requestedCents)}
        {funding.requestedOn && <span className="help"> {day(funding.requestedOn)}</span>}
      </td>
      <td>{decision}</td>
      <td>
        <span className="numeric">{money(funding.receivedCents)}</span>
        {funding.remainingCents !== null && funding.remainingCents > 0 && (
          <span className="help">
            {' '}
            — {t('budgets.fundings.remaining', { amount: money(funding.remainingCents) })}
          </span>
        )}
        {funding.payments.length > 0 && (
          <ul className="plain-list" aria-label={t('budgets.fundings.payments', { funder, deFunder })}>
            {funding.payments.map((p) => (
              <li key={p.id}>
                {t('budgets.fundings.paymentLine', { amount: money(p.amountCents), day: day(p.receivedOn) })}
                {p.reference && ` (${p.reference})`}{' '}
                {budget.can.edit && (
                  <ConfirmButton
                    label={t('budgets.payments.delete')}
                    ariaLabel={t('budgets.payments.deleteLabel', {
                      amount: money(p.amountCents),
                      day: day(p.receivedOn),
                    })}
                    title={t('budgets.payments.deleteTitle')}
                    message={t('budgets.payments.deleteMessage', {
                      amount: money(p.amountCents),
                      day: day(p.receivedOn),
                    })}
                    confirmLabel={t('budgets.payments.confirmDelete')}
                    onConfirm={async () => {
                      await budgetsApi.deletePayment(p.id);
                      onChanged(t('budgets.payments.deleted'));
                    }}
                  />
                )}
              </li>
            ))}
          </ul>
        )}
      </td>
      <td>
        {funding.agreementReference ?? t('budgets.none')}
        {funding.agreementStartsOn && funding.agreementEndsOn && (
          <span className="help">
            {' '}
            {t('budgets.fundings.agreementDates', {
              from: day(funding.agreementStartsOn),
              to: day(funding.agreementEndsOn),
            })}
          </span>
        )}
      </td>
      <td>
        <FundingStatusBadge status={funding.status} />
      </td>
      {budget.can.edit && (
        <td>
          <div className="actions">
            {funding.remainingCents !== null && funding.remainingCents > 0 && (
              <DialogButton
                label={t('budgets.payments.record')}
                ariaLabel={t('budgets.payments.recordLabel', { funder, deFunder })}
                className="button button-small button-primary"
              >
                {(close) => (
                  <PaymentForm
                    funding={funding}
                    close={close}
                    onSaved={(_saved, amountCents) =>
                      onChanged(t('budgets.payments.saved', { amount: money(amountCents) }))
                    }
                  />
                )}
              </DialogButton>
            )}
            <DialogButton
              label={t('budgets.fundings.edit')}
              ariaLabel={t('budgets.fundings.editLabel', { funder, deFunder })}
              className="button button-small button-secondary"
            >
              {(close) => (
                <FundingForm
                  programmeId={budget.programmeId}
                  funding={funding}
                  close={close}
                  onSaved={(saved) =>
                    onChanged(
                      t('budgets.fundings.saved', {
                        funder: saved.funderLabel,
                        deFunder: deName(saved.funderLabel),
                      }),
                    )
                  }
                />
              )}
            </DialogButton>
            <ConfirmButton
              label={t('budgets.fundings.delete')}
              ariaLabel={t('budgets.fundings.deleteLabel', { funder, deFunder })}
              title={t('budgets.fundings.deleteTitle')}
              message={
                <>
                  <p>
                    {t('budgets.fundings.deleteMessage', {
                      funder,
                      deFunder,
                      amount: money(funding.requestedCents),
                    })}
                  </p>
                  {funding.payments.length > 0 && (
                    <p>{t('budgets.fundings.deleteWithPayments', { count: funding.payments.length })}</p>
                  )}
                </>
              }
              confirmLabel={t('budgets.fundings.confirmDelete')}
              onConfirm={async () => {
                await budgetsApi.deleteFunding(funding.id);
                onChanged(t('budgets.fundings.deleted'));
              }}
            />
          </div>
        </td>
      )}
    </tr>
  );
}

function Fundings({ budget, onChanged }: { budget: Budget; onChanged: (message: string) => void }) {
  const { t, i18n } = useTranslation();
  const add = budget.can.edit && (
    <DialogButton label={t('budgets.fundings.add')} className="button button-primary">
      {(close) => (
        <FundingForm
          programmeId={budget.programmeId}
          close={close}
          onSaved={(saved) =>
            onChanged(
              t('budgets.fundings.saved', {
                funder: saved.funderLabel,
                deFunder: deName(saved.funderLabel),
              }),
            )
          }
        />
      )}
    </DialogButton>
  );
  return (
    <section className="card" aria-labelledby="budget-fundings-title">
      <h2 id="budget-fundings-title">{t('budgets.fundings.heading')}</h2>
      {budget.fundings.length === 0 && budget.handoverSubsidies.length === 0 ? (
        <EmptyState
          message={t('budgets.fundings.empty')}
          {...(budget.can.edit ? { next: t('budgets.fundings.emptyNext'), actions: add } : {})}
        />
      ) : (
        <>
          {add && <div className="actions">{add}</div>}
          <TableScroll label={t('budgets.fundings.caption')}>
            <table className="table">
              <caption className="visually-hidden">{t('budgets.fundings.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('budgets.fundings.funder')}</th>
                  <th scope="col" className="numeric">
                    {t('budgets.fundings.requested')}
                  </th>
                  <th scope="col">{t('budgets.fundings.decision')}</th>
                  <th scope="col">{t('budgets.fundings.received')}</th>
                  <th scope="col">{t('budgets.fundings.agreement')}</th>
                  <th scope="col">{t('budgets.fundings.status')}</th>
                  {budget.can.edit && <th scope="col">{t('budgets.fundings.actions')}</th>}
                </tr>
              </thead>
              <tbody>
                {budget.fundings.map((funding) => (
                  <FundingRow key={funding.id} funding={funding} budget={budget} onChanged={onChanged} />
                ))}
                {budget.handoverSubsidies.map((s) => (
                  <tr key={`subsidies-${s.funderOrganisationId}`}>
                    <th scope="row">
                      {s.funderName} <span className="help">{t('budgets.fundings.handoverSubsidies')}</span>
                    </th>
                    <td className="numeric">{formatMoney(s.requestedCents, i18n.language)}</td>
                    <td>
                      {t('budgets.fundings.grantedText', {
                        amount: formatMoney(s.grantedCents, i18n.language),
                      })}
                    </td>
                    <td>
                      <span className="numeric">{formatMoney(s.receivedCents, i18n.language)}</span>
                    </td>
                    <td>
                      <span className="help">
                        {t('budgets.fundings.handoverSubsidiesHelp', { count: s.units })}
                      </span>
                    </td>
                    <td>{t('budgets.statuses.received')}</td>
                    {budget.can.edit && <td>{t('budgets.fundings.derivedNoEdit')}</td>}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </>
      )}
    </section>
  );
}

export default function ProgrammeBudget() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const announce = useAnnounce();
  const programme = useLoad((signal) => peopleApi.programme(id, signal), [id]);
  const loaded = useLoad((signal) => budgetsApi.budget(id, signal), [id]);
  const budget = loaded.data?.programmeId === id ? loaded.data : undefined;
  const name = programme.data?.id === id ? programme.data.name : undefined;
  const onChanged = (message: string) => {
    announce(message);
    loaded.reload();
  };
  return (
    <Page help="rapport-annuel" title={name ? t('budgets.titleOf', { programme: name }) : t('budgets.title')}>
      <p className="breadcrumbs">
        <Link to={`/programmes/${id}`}>{t('budgets.back')}</Link>
      </p>
      <p>{t('budgets.intro')}</p>
      <ErrorAlert error={loaded.error} onRetry={loaded.reload} />
      {loaded.loading && !budget && <Loading />}
      {budget && (
        <div aria-busy={loaded.loading}>
          {!budget.can.edit && <p className="alert alert-info">{t('budgets.readOnly')}</p>}
          <Summary budget={budget} />
          <Lines budget={budget} onChanged={onChanged} />
          <Fundings budget={budget} onChanged={onChanged} />
          <StatementExport key={budget.fundings.map((f) => f.id).join()} programmeId={budget.programmeId} />
        </div>
      )}
    </Page>
  );
}
