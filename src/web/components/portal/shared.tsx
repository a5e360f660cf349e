/**
 * Pieces shared by the portal pages: an order's status, its lines in words, the orders table, and the
 * dialog that asks for a reason before a refusal or a cancellation.
 */
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { i18n } from '../../i18n/index.ts';
import { type Order, type OrderLine, type OrderStatus, PORTAL_LIMITS } from '../../portalApi.ts';
import { deviceTypeText } from '../Allocations.tsx';
import { TextDialogButton } from '../forms.tsx';
import { formatDay } from '../inventory.tsx';
import { TableScroll } from '../ui.tsx';

/** An order's status, with a coloured dot (the word says it: colour is not the only cue). */
export function OrderStatusBadge({ status }: { status: OrderStatus }) {
  const { t } = useTranslation();
  return <span className={`order-status order-status-${status}`}>{t(`portal.statuses.${status}`)}</span>;
}

/** "2 × Ordinateur portable, grade B". */
export function lineText(line: Pick<OrderLine, 'deviceType' | 'grade' | 'quantity'>): string {
  const type = deviceTypeText(line.deviceType);
  return line.grade
    ? i18n.t('portal.lineGrade', { quantity: line.quantity, type, grade: line.grade })
    : i18n.t('portal.line', { quantity: line.quantity, type });
}

/** "Grade B", or "Tout grade". */
export function gradeText(grade: string | null): string {
  return grade ? i18n.t('portal.gradeValue', { grade }) : i18n.t('portal.anyGrade');
}

/** The orders, newest first as the server sends them; each number opens its page. */
export function OrdersTable({
  orders,
  showAssociation,
  showProgramme,
}: {
  orders: Order[];
  showAssociation: boolean;
  showProgramme: boolean;
}) {
  const { t, i18n: instance } = useTranslation();
  return (
    <TableScroll label={t('portal.orders.caption')}>
      <table>
        <caption className="visually-hidden">{t('portal.orders.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('portal.orders.colNumber')}</th>
            {showAssociation && <th scope="col">{t('portal.orders.colAssociation')}</th>}
            {showProgramme && <th scope="col">{t('portal.orders.colProgramme')}</th>}
            <th scope="col">{t('portal.orders.colSubmitted')}</th>
            <th scope="col">{t('portal.orders.colLines')}</th>
            <th scope="col">{t('portal.orders.colStatus')}</th>
          </tr>
        </thead>
        <tbody>
          {orders.map((order) => (
            <tr key={order.id}>
              <th scope="row">
                <Link to={`/portail/commandes/${order.id}`}>{order.number}</Link>
              </th>
              {showAssociation && <td>{order.organisationName}</td>}
              {showProgramme && <td>{order.programmeName}</td>}
              <td className="nowrap">{formatDay(order.submittedOn, instance.language)}</td>
              <td>
                <ul className="plain-list">
                  {order.lines.map((line, index) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: two lines may share a type and grade; the lines never move.
                    <li key={`${index}-${line.deviceType}-${line.grade ?? ''}`}>{lineText(line)}</li>
                  ))}
                </ul>
              </td>
              <td>
                <OrderStatusBadge status={order.status} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

/**
 * A button opening a dialog that asks for a reason (required), then runs the refusal or cancellation.
 * The dialog says what will happen; its failure shows inside it.
 */
export function ReasonButton({
  label,
  ariaLabel,
  title,
  text,
  help,
  confirmLabel,
  onConfirm,
  small = true,
}: {
  label: string;
  ariaLabel?: string;
  title: string;
  text: string;
  help: string;
  confirmLabel: string;
  onConfirm: (reason: string) => Promise<void>;
  small?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <TextDialogButton
      label={label}
      {...(ariaLabel ? { ariaLabel } : {})}
      buttonClassName={`button ${small ? 'button-small ' : ''}button-danger-outline`}
      title={title}
      text={text}
      name="reason"
      fieldLabel={t('portal.reason')}
      fieldHelp={help}
      requiredMessage={t('portal.reasonRequired')}
      maxLength={PORTAL_LIMITS.reasonMax}
      cancelLabel={t('portal.order.keep')}
      submitLabel={confirmLabel}
      tone="danger"
      onSubmit={onConfirm}
    />
  );
}
