/**
 * « Orienter »: a dialog confirming the one-click referral of a named need. When the organisation already
 * has records that look like the person, the server refuses (409) and lists them: the dialog then shows
 * them, and the worker picks « C’est la même personne » on one (the need is linked to that record) or
 * « Créer une nouvelle fiche » (someone else). Any other refusal shows inside the dialog.
 */
import { useState } from 'react';
import { Button, Dialog, DialogTrigger, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import {
  type Conversion,
  censusApi,
  type DuplicateChoice,
  duplicatesOf,
  missingFacts,
  type Need,
} from '../../censusApi.ts';
import type { StaffKey } from '../../i18n/fr-census.ts';
import type { EligibilityRules } from '../../peopleApi.ts';
import { errorText } from '../ui.tsx';

export function ReferButton({
  need,
  name,
  rules,
  onDone,
}: {
  need: Need;
  name: string;
  /** The programme's eligibility rules: the dialog says which facts they ask that the need lacks. */
  rules: EligibilityRules;
  onDone: (done: Conversion) => void;
}) {
  const { t } = useTranslation();
  const s = (key: StaffKey, options?: Record<string, unknown>) => t(`census.staff.${key}`, options ?? {});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [duplicates, setDuplicates] = useState<DuplicateChoice[] | null>(null);
  const refer = async (
    choice: { existingBeneficiaryId?: string; createNew?: boolean },
    close: () => void,
  ): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      const done = await censusApi.refer(need.id, choice);
      setBusy(false);
      onDone(done);
      close();
    } catch (err) {
      setBusy(false);
      const found = duplicatesOf(err);
      if (found && !choice.existingBeneficiaryId && !choice.createNew) setDuplicates(found);
      else setError(err);
    }
  };
  const missing = missingFacts(rules, need).map((fact) => t(`census.facts.${fact}`));
  const facts =
    missing.length > 1
      ? `${missing.slice(0, -1).join(s('factsJoin'))}${s('factsLast')}${missing[missing.length - 1]}`
      : (missing[0] ?? '');
  const details = (d: DuplicateChoice) =>
    s('duplicateDetails', {
      name: d.displayName ?? s('unknownValue'),
      year: d.birthYear ?? s('unknownValue'),
      city: d.city ?? s('unknownValue'),
    });
  return (
    <DialogTrigger
      onOpenChange={(open) => {
        if (open) {
          setError(null);
          setDuplicates(null);
        }
      }}
    >
      <Button className="button button-small button-primary" aria-label={s('referOf', { name })}>
        {s('refer')}
      </Button>
      <ModalOverlay className="modal-overlay" isDismissable={!busy} isKeyboardDismissDisabled={busy}>
        <Modal className="modal">
          <Dialog role="alertdialog" className="dialog" aria-busy={busy}>
            {({ close }) => (
              <>
                <Heading slot="title" className="dialog-title">
                  {duplicates ? s('duplicatesTitle') : s('referTitle', { name })}
                </Heading>
                {duplicates ? (
                  <div className="dialog-body">
                    <p role="alert">{s('duplicatesText')}</p>
                    <ul className="plain-list">
                      {duplicates.map((d) => (
                        <li key={d.id} className="actions actions-inline">
                          <span>{details(d)}</span>
                          <Button
                            className="button button-small button-primary"
                            isDisabled={busy}
                            aria-label={s('samePersonOf', { name: details(d) })}
                            onPress={() => refer({ existingBeneficiaryId: d.id }, close)}
                          >
                            {s('samePerson')}
                          </Button>
                        </li>
                      ))}
                    </ul>
                  </div>
                ) : (
                  <div className="dialog-body">
                    <p>{s('referText')}</p>
                    {facts && (
                      <p className="alert alert-warning" data-testid="missing-facts">
                        {s('missingFacts', { facts })}
                      </p>
                    )}
                  </div>
                )}
                {error ? (
                  <p className="alert alert-error" role="alert">
                    {errorText(error, t('errors.unexpected'))}
                  </p>
                ) : null}
                <div className="dialog-actions">
                  <Button className="button button-secondary" onPress={close} isDisabled={busy} autoFocus>
                    {t('common.cancel')}
                  </Button>
                  {duplicates ? (
                    <Button
                      className="button button-secondary"
                      isDisabled={busy}
                      onPress={() => refer({ createNew: true }, close)}
                    >
                      {busy ? t('common.loading') : s('createNew')}
                    </Button>
                  ) : (
                    <Button
                      className="button button-primary"
                      isDisabled={busy}
                      onPress={() => refer({}, close)}
                    >
                      {busy ? t('common.loading') : s('refer')}
                    </Button>
                  )}
                </div>
              </>
            )}
          </Dialog>
        </Modal>
      </ModalOverlay>
    </DialogTrigger>
  );
}
