/**
 * An organisation's members: the table (for its members), and for those who manage members the role
 * changes, removals (confirmed in a dialog), new invitation links and the "add a member" form.
 */
import { type FormEvent, useEffect, useRef, useState } from 'react';
import {
  Button,
  FieldError,
  Form,
  Label,
  ListBox,
  ListBoxItem,
  Popover,
  Select,
  SelectValue,
  Text,
} from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { EMAIL_MAX_LENGTH, NAME_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../../lib/limits.ts';
import { type AddedMember, api, type Member, type Organisation, ROLES, type Role } from '../api.ts';
import {
  ConfirmButton,
  ErrorSummary,
  Field,
  type SummaryField,
  useServerFieldErrors,
} from '../components/forms.tsx';
import { EmptyState } from '../components/help.tsx';
import {
  CopyField,
  ErrorAlert,
  formatDateTime,
  Loading,
  SuccessNotice,
  TableScroll,
  useAnnounce,
  useLoad,
} from '../components/ui.tsx';
import { useSession } from '../session.tsx';

const PAGE_SIZE = 100;
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

interface InvitationShown {
  name: string;
  email: string;
  url: string;
  expiresAt: string;
}

function InvitationPanel({ invitation }: { invitation: InvitationShown }) {
  const { t, i18n } = useTranslation();
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <section className="card invitation-panel" aria-labelledby="invitation-title" tabIndex={-1} ref={ref}>
      <h3 id="invitation-title">{t('members.invitationTitle', { name: invitation.name })}</h3>
      <CopyField
        label={t('members.invitationLink')}
        value={invitation.url}
        help={
          <>
            {t('members.invitationHelp', { email: invitation.email })}{' '}
            {t('common.expiresOn', { date: formatDateTime(invitation.expiresAt, i18n.language) })}
          </>
        }
      />
    </section>
  );
}

function MemberRow({
  organisation,
  member,
  isMe,
  canManage,
  onChanged,
  onRemoved,
  onInvited,
  onError,
}: {
  organisation: Organisation;
  member: Member;
  isMe: boolean;
  canManage: boolean;
  onChanged: (member: Member) => void;
  onRemoved: (member: Member) => void;
  onInvited: (member: AddedMember) => void;
  onError: (error: unknown) => void;
}) {
  const { t } = useTranslation();
  const [role, setRole] = useState<Role>(member.role);
  const [busy, setBusy] = useState(false);
  useEffect(() => setRole(member.role), [member.role]);
  const selectId = `role-${member.userId}`;
  const selectRef = useRef<HTMLSelectElement>(null);

  async function saveRole() {
    if (busy || role === member.role) return;
    setBusy(true);
    try {
      onChanged(await api.changeRole(organisation.id, member.userId, role));
    } catch (err) {
      setRole(member.role);
      onError(err);
    } finally {
      setBusy(false);
      // The "save" button goes away either way: keep the focus on the role's field.
      selectRef.current?.focus();
    }
  }

  async function reinvite() {
    if (busy) return;
    setBusy(true);
    try {
      onInvited(await api.reinvite(organisation.id, member.userId));
    } catch (err) {
      onError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <tr>
      <th scope="row">
        {member.name} {isMe && <span className="muted">{t('members.you')}</span>}
      </th>
      <td className="nowrap">{member.email}</td>
      <td>
        {canManage ? (
          <div className="inline-form">
            <label htmlFor={selectId} className="visually-hidden">
              {t('members.roleOf', { name: member.name })}
            </label>
            <select
              id={selectId}
              ref={selectRef}
              value={role}
              onChange={(event) => setRole(event.target.value as Role)}
            >
              {ROLES.map((value) => (
                <option key={value} value={value}>
                  {t(`roles.${value}`)}
                </option>
              ))}
            </select>
            {role !== member.role && (
              <button
                type="button"
                className="button button-small button-primary"
                aria-label={t('members.saveRoleOf', { name: member.name })}
                aria-disabled={busy}
                onClick={saveRole}
              >
                {t('members.saveRole')}
              </button>
            )}
          </div>
        ) : (
          t(`roles.${member.role}`)
        )}
      </td>
      <td>
        {member.active ? (
          <span className="status status-ok">{t('members.active')}</span>
        ) : (
          <span className="status status-pending">{t('members.pending')}</span>
        )}
      </td>
      {canManage && (
        <td>
          <div className="row-actions">
            {!member.active && (
              <button
                type="button"
                className="button button-small button-secondary"
                aria-label={t('members.reinviteOf', { name: member.name })}
                aria-disabled={busy}
                onClick={reinvite}
              >
                {t('members.reinvite')}
              </button>
            )}
            <ConfirmButton
              label={t('members.remove')}
              ariaLabel={t('members.removeOf', { name: member.name })}
              title={t('members.removeTitle')}
              message={
                <p>
                  {t('members.removeText', {
                    name: member.name,
                    email: member.email,
                    organisation: organisation.name,
                  })}
                </p>
              }
              confirmLabel={t('members.removeConfirm')}
              onConfirm={async () => {
                await api.removeMember(organisation.id, member.userId);
                onRemoved(member);
              }}
            />
          </div>
        </td>
      )}
    </tr>
  );
}

function AddMemberForm({
  organisation,
  onAdded,
}: {
  organisation: Organisation;
  onAdded: (member: AddedMember) => void;
}) {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role | null>(null);
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const serverErrors = useServerFieldErrors(error);
  const fields: Record<string, SummaryField> = {
    email: { id: 'member-email', label: t('members.email') },
    name: { id: 'member-name', label: t('members.name') },
    role: { id: 'member-role', label: t('members.role') },
    password: { id: 'member-password', label: t('members.password') },
  };

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy || !role) return;
    setBusy(true);
    setError(null);
    try {
      const added = await api.addMember(organisation.id, {
        email: email.trim(),
        name: name.trim(),
        role,
        ...(password ? { password } : {}),
      });
      setEmail('');
      setName('');
      setRole(null);
      setPassword('');
      onAdded(added);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card" aria-labelledby="add-member-title">
      <h3 id="add-member-title">{t('members.addTitle')}</h3>
      <p className="help">{t('members.addIntro')}</p>
      <Form className="form" onSubmit={submit} validationErrors={serverErrors} aria-busy={busy}>
        <ErrorSummary error={error} fields={fields} />
        <div className="field-row">
          <Field
            id="member-email"
            name="email"
            type="email"
            label={t('members.email')}
            isRequired
            value={email}
            onChange={setEmail}
            maxLength={EMAIL_MAX_LENGTH}
            autoComplete="off"
            inputProps={{ spellCheck: false }}
            validate={(value) =>
              !value.trim()
                ? t('validation.required')
                : EMAIL_PATTERN.test(value.trim())
                  ? null
                  : t('validation.email')
            }
          />
          <Field
            id="member-name"
            name="name"
            label={t('members.name')}
            isRequired
            value={name}
            onChange={setName}
            maxLength={NAME_MAX_LENGTH}
            autoComplete="off"
            validate={(value) => (value.trim() ? null : t('validation.required'))}
          />
        </div>
        <div className="field-row">
          <Select
            className="field select-field"
            name="role"
            id="member-role"
            isRequired
            value={role}
            onChange={(key) => setRole((key as Role | null) ?? null)}
            placeholder={t('members.rolePlaceholder')}
            validate={(value) => (value ? null : t('validation.required'))}
          >
            <Label>
              {t('members.role')}
              <span className="field-flag"> ({t('common.required')})</span>
            </Label>
            <Button className="select-button">
              <SelectValue />
              <span className="select-arrow" aria-hidden="true">
                ▾
              </span>
            </Button>
            <FieldError className="field-error" />
            <Popover className="popover">
              <ListBox className="listbox">
                {ROLES.map((value) => (
                  <ListBoxItem
                    key={value}
                    id={value}
                    className="listbox-item"
                    textValue={t(`roles.${value}`)}
                  >
                    {t(`roles.${value}`)}
                    <Text slot="description" className="listbox-description">
                      {t(`members.roleHelp.${value}`)}
                    </Text>
                  </ListBoxItem>
                ))}
              </ListBox>
            </Popover>
          </Select>
          <Field
            id="member-password"
            name="password"
            type="password"
            label={t('members.password')}
            description={t('members.passwordHelp', { min: PASSWORD_MIN_LENGTH })}
            value={password}
            onChange={setPassword}
            autoComplete="new-password"
            validate={(value) =>
              value && value.length < PASSWORD_MIN_LENGTH
                ? t('validation.passwordLength', { min: PASSWORD_MIN_LENGTH })
                : null
            }
          />
        </div>
        <button type="submit" className="button button-primary" aria-disabled={busy}>
          {busy ? t('members.adding') : t('members.add')}
        </button>
      </Form>
    </section>
  );
}

export function OrganisationMembers({ organisation }: { organisation: Organisation }) {
  const { t } = useTranslation();
  const session = useSession();
  const announce = useAnnounce();
  const myId = session.me?.user.id;
  const canManage = organisation.can.manageMembers;
  const [items, setItems] = useState<Member[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [moreBusy, setMoreBusy] = useState(false);
  const [actionError, setActionError] = useState<unknown>(null);
  const [notice, setNotice] = useState('');
  const [invitation, setInvitation] = useState<InvitationShown | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const first = useLoad(
    (signal) => api.members(organisation.id, { limit: PAGE_SIZE }, signal),
    [organisation.id],
  );
  useEffect(() => {
    if (!first.data) return;
    setItems(first.data.items);
    setNextCursor(first.data.nextCursor);
  }, [first.data]);

  function say(message: string) {
    setActionError(null);
    setNotice(message);
  }

  function showInvitation(member: AddedMember) {
    if (!member.invitation) return;
    setInvitation({
      name: member.name,
      email: member.email,
      url: member.invitation.url,
      expiresAt: member.invitation.expiresAt,
    });
  }

  async function showMore() {
    if (!nextCursor || moreBusy) return;
    setMoreBusy(true);
    try {
      const page = await api.members(organisation.id, { limit: PAGE_SIZE, cursor: nextCursor });
      setItems((previous) => [...previous, ...page.items]);
      setNextCursor(page.nextCursor);
      announce(t('common.moreLoaded', { count: page.items.length }));
    } catch (err) {
      setActionError(err);
    } finally {
      setMoreBusy(false);
    }
  }

  return (
    <section className="members" aria-labelledby="members-title">
      <h2 id="members-title" ref={headingRef} tabIndex={-1}>
        {t('members.title')}
      </h2>
      <ErrorAlert error={first.error} onRetry={first.reload} />
      <ErrorAlert error={actionError} />
      <SuccessNotice>{notice}</SuccessNotice>
      {invitation && <InvitationPanel key={invitation.url} invitation={invitation} />}
      {first.loading && items.length === 0 && <Loading />}
      {first.data && items.length === 0 && <EmptyState message={t('members.empty')} />}
      {items.length > 0 && (
        <TableScroll label={t('members.caption')}>
          <table>
            <caption className="visually-hidden">{t('members.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('members.colName')}</th>
                <th scope="col">{t('members.colEmail')}</th>
                <th scope="col">{t('members.colRole')}</th>
                <th scope="col">{t('members.colStatus')}</th>
                {canManage && <th scope="col">{t('members.colActions')}</th>}
              </tr>
            </thead>
            <tbody>
              {items.map((member) => (
                <MemberRow
                  key={member.userId}
                  organisation={organisation}
                  member={member}
                  isMe={member.userId === myId}
                  canManage={canManage}
                  onError={(err) => {
                    setNotice('');
                    setActionError(err);
                  }}
                  onChanged={(changed) => {
                    setItems((previous) => previous.map((m) => (m.userId === changed.userId ? changed : m)));
                    say(t('members.roleChanged', { name: changed.name, role: t(`roles.${changed.role}`) }));
                    if (changed.userId === myId) void session.refresh();
                  }}
                  onRemoved={(removed) => {
                    setItems((previous) => previous.filter((m) => m.userId !== removed.userId));
                    say(t('members.removed', { name: removed.name }));
                    headingRef.current?.focus();
                    if (removed.userId === myId) void session.refresh();
                  }}
                  onInvited={(invited) => {
                    setItems((previous) =>
                      previous.map((m) => (m.userId === invited.userId ? { ...m, ...invited } : m)),
                    );
                    say('');
                    showInvitation(invited);
                  }}
                />
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {nextCursor && (
        <button type="button" className="button button-secondary" onClick={showMore} aria-disabled={moreBusy}>
          {moreBusy ? t('common.loading') : t('common.showMore')}
        </button>
      )}
      {canManage && (
        <AddMemberForm
          organisation={organisation}
          onAdded={(added) => {
            first.reload();
            if (added.invitation) {
              say('');
              showInvitation(added);
            } else {
              setInvitation(null);
              say(t('members.added', { name: added.name }));
            }
          }}
        />
      )}
    </section>
  );
}
