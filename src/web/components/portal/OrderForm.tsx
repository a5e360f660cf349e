/**
 * The association's order form: lines of device type, grade (any by default) and quantity, taken from the
 * catalogue, and a message; « Vérifier et envoyer » shows the order in a dialog before it is sent. The
 * server's refusals (limits, stock) show in the summary above the form, which takes the focus.
 */
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { Button, Dialog, Form, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { DeviceType } from '../../api.ts';
import { type Catalogue, type Order, PORTAL_LIMITS, portalApi } from '../../portalApi.ts';
import { deviceTypeText } from '../Allocations.tsx';
import {
  ErrorSummary,
  Field,
  SelectField,
  type SummaryField,
  TextAreaField,
  useServerPathErrors,
} from '../forms.tsx';
import { gradeText, lineText } from './shared.tsx';

interface LineDraft {
  key: number;
  deviceType: string;
  grade: string;
  quantity: string;
}

function quantityOf(text: string): number {
  const trimmed = text.trim();
  return /^\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}

export function OrderForm({
  programmeId,
  organisationId,
  catalogue,
  onSent,
}: {
  programmeId: string;
  /** The association ordering (a person may belong to several in the programme). */
  organisationId: string;
  catalogue: Catalogue;
  onSent: (order: Order) => void;
}) {
  const { t } = useTranslation();
  const ids = useId();
  const types = [...new Set(catalogue.items.filter((i) => i.available > 0).map((i) => i.deviceType))];
  const firstType = types[0] ?? '';
  const [nextKey, setNextKey] = useState(1);
  const [lines, setLines] = useState<LineDraft[]>([
    { key: 0, deviceType: firstType, grade: '', quantity: '1' },
  ]);
  // When the catalogue is reloaded, a line may hold a type or grade no longer offered: the select would
  // show another choice while the order sent the old one. Such lines fall back to what is offered now.
  const [seenCatalogue, setSeenCatalogue] = useState(catalogue);
  if (seenCatalogue !== catalogue) {
    setSeenCatalogue(catalogue);
    setLines((current) =>
      current.map((line) => {
        const deviceType = types.some((type) => type === line.deviceType) ? line.deviceType : firstType;
        const gradeOffered =
          deviceType === line.deviceType &&
          catalogue.items.some(
            (i) => i.deviceType === deviceType && i.grade === line.grade && i.available > 0,
          );
        return deviceType === line.deviceType && (!line.grade || gradeOffered)
          ? line
          : { ...line, deviceType, grade: '' };
      }),
    );
  }
  // After a line is added or removed, the element to focus (its id), once the lines are drawn.
  const focusAfterRender = useRef<string | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs once the changed lines are drawn.
  useEffect(() => {
    if (!focusAfterRender.current) return;
    document.getElementById(focusAfterRender.current)?.focus();
    focusAfterRender.current = null;
  }, [lines]);
  const [note, setNote] = useState('');
  const [reviewing, setReviewing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const serverErrors = useServerPathErrors(error);

  const fields: Record<string, SummaryField> = {
    note: { id: `${ids}-note`, label: t('portal.orderForm.note') },
  };
  lines.forEach((line, index) => {
    const n = index + 1;
    fields[`lines.${index}.deviceType`] = {
      id: `${ids}-${line.key}-type`,
      label: `${t('portal.orderForm.lineLegend', { n })} — ${t('portal.orderForm.type')}`,
    };
    fields[`lines.${index}.grade`] = {
      id: `${ids}-${line.key}-grade`,
      label: `${t('portal.orderForm.lineLegend', { n })} — ${t('portal.orderForm.grade')}`,
    };
    fields[`lines.${index}.quantity`] = {
      id: `${ids}-${line.key}-quantity`,
      label: `${t('portal.orderForm.lineLegend', { n })} — ${t('portal.orderForm.quantity')}`,
    };
  });
  fields.lines = {
    id: `${ids}-${lines[0]?.key ?? 0}-type`,
    label: t('portal.orderForm.lineLegend', { n: 1 }),
  };

  function update(key: number, change: Partial<LineDraft>) {
    setLines((current) => current.map((line) => (line.key === key ? { ...line, ...change } : line)));
  }

  function availableFor(line: LineDraft): number {
    return catalogue.items
      .filter((i) => i.deviceType === line.deviceType && (!line.grade || i.grade === line.grade))
      .reduce((sum, i) => sum + i.available, 0);
  }

  const body = {
    lines: lines.map((line) => ({
      deviceType: line.deviceType as DeviceType,
      grade: line.grade || null,
      quantity: quantityOf(line.quantity),
    })),
    ...(note.trim() ? { note: note.trim() } : {}),
  };
  const total = body.lines.reduce(
    (sum, line) => sum + (Number.isFinite(line.quantity) ? line.quantity : 0),
    0,
  );

  async function send() {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const order = await portalApi.order(programmeId, { ...body, organisationId });
      setBusy(false);
      setReviewing(false);
      setLines([{ key: nextKey, deviceType: firstType, grade: '', quantity: '1' }]);
      setNextKey((k) => k + 1);
      setNote('');
      onSent(order);
    } catch (err) {
      setBusy(false);
      setReviewing(false);
      setError(err);
    }
  }

  return (
    <>
      <Form
        className="form order-form"
        validationErrors={serverErrors}
        aria-labelledby={`${ids}-title`}
        onSubmit={(event: FormEvent<HTMLFormElement>) => {
          event.preventDefault();
          setError(null);
          setReviewing(true);
        }}
      >
        <h3 id={`${ids}-title`}>{t('portal.orderForm.title')}</h3>
        <p className="help">{t('portal.orderForm.intro')}</p>
        <ErrorSummary error={error} fields={fields} />
        {lines.map((line, index) => {
          const n = index + 1;
          const grades = [
            ...new Set(
              catalogue.items
                .filter((i) => i.deviceType === line.deviceType && i.grade && i.available > 0)
                .map((i) => i.grade as string),
            ),
          ].sort();
          return (
            <fieldset key={line.key} className="fieldset order-line">
              <legend>{t('portal.orderForm.lineLegend', { n })}</legend>
              <div className="field-row">
                <SelectField
                  id={`${ids}-${line.key}-type`}
                  name={`lines.${index}.deviceType`}
                  label={t('portal.orderForm.type')}
                  isRequired
                  value={line.deviceType}
                  onChange={(value) => update(line.key, { deviceType: value, grade: '' })}
                  options={types.map((type) => ({ value: type, label: deviceTypeText(type) }))}
                />
                <SelectField
                  id={`${ids}-${line.key}-grade`}
                  name={`lines.${index}.grade`}
                  label={t('portal.orderForm.grade')}
                  value={line.grade}
                  onChange={(value) => update(line.key, { grade: value })}
                  placeholder={t('portal.anyGrade')}
                  options={grades.map((grade) => ({ value: grade, label: gradeText(grade) }))}
                />
                <Field
                  id={`${ids}-${line.key}-quantity`}
                  name={`lines.${index}.quantity`}
                  label={t('portal.orderForm.quantity')}
                  description={`${t('portal.orderForm.quantityHelp', { max: PORTAL_LIMITS.lineQuantityMax })} ${t('portal.orderForm.available', { count: availableFor(line) })}`}
                  isRequired
                  value={line.quantity}
                  onChange={(value) => update(line.key, { quantity: value })}
                  inputProps={{ inputMode: 'numeric', className: 'input-short' }}
                  validate={(value) => {
                    const quantity = quantityOf(value);
                    return quantity >= 1 && quantity <= PORTAL_LIMITS.lineQuantityMax
                      ? null
                      : t('portal.orderForm.quantityInvalid', { max: PORTAL_LIMITS.lineQuantityMax });
                  }}
                />
              </div>
              {lines.length > 1 && (
                <button
                  type="button"
                  className="button button-small button-secondary"
                  onClick={() => {
                    // The focus goes to the line before (or the new first line), not to the page's top.
                    const neighbour = lines[index - 1] ?? lines[index + 1];
                    focusAfterRender.current = neighbour ? `${ids}-${neighbour.key}-type` : null;
                    setLines((current) => current.filter((l) => l.key !== line.key));
                  }}
                >
                  {t('portal.orderForm.removeLine', { n })}
                </button>
              )}
            </fieldset>
          );
        })}
        {lines.length < PORTAL_LIMITS.linesMax && (
          <p>
            <button
              type="button"
              className="button button-secondary"
              onClick={() => {
                focusAfterRender.current = `${ids}-${nextKey}-type`;
                setLines((current) => [
                  ...current,
                  { key: nextKey, deviceType: firstType, grade: '', quantity: '1' },
                ]);
                setNextKey((k) => k + 1);
              }}
            >
              {t('portal.orderForm.addLine')}
            </button>
          </p>
        )}
        <TextAreaField
          id={`${ids}-note`}
          name="note"
          label={t('portal.orderForm.note')}
          description={t('portal.orderForm.noteHelp')}
          optional
          rows={3}
          value={note}
          onChange={setNote}
          maxLength={PORTAL_LIMITS.noteMax}
        />
        <button type="submit" className="button button-primary">
          {t('portal.orderForm.review')}
        </button>
      </Form>
      <ModalOverlay
        className="modal-overlay"
        isOpen={reviewing}
        onOpenChange={(open) => {
          if (!busy) setReviewing(open);
        }}
        isDismissable={!busy}
        isKeyboardDismissDisabled={busy}
      >
        <Modal className="modal">
          <Dialog className="dialog">
            <Heading slot="title" className="dialog-title">
              {t('portal.orderForm.confirmTitle')}
            </Heading>
            <div className="dialog-body">
              <p>{t('portal.orderForm.confirmText')}</p>
              <ul>
                {body.lines.map((line, index) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: the lines have no identity beyond their place.
                  <li key={index}>{lineText(line)}</li>
                ))}
              </ul>
              <p>{t('portal.orderForm.total', { count: total })}</p>
              {body.note && <p className="pre-line">{body.note}</p>}
              <p>{t('portal.orderForm.confirmAfter')}</p>
            </div>
            <div className="dialog-actions">
              <Button
                className="button button-secondary"
                onPress={() => setReviewing(false)}
                isDisabled={busy}
              >
                {t('common.cancel')}
              </Button>
              <Button className="button button-primary" onPress={() => void send()} isDisabled={busy}>
                {busy ? t('portal.register.sending') : t('portal.orderForm.send')}
              </Button>
            </div>
          </Dialog>
        </Modal>
      </ModalOverlay>
    </>
  );
}
