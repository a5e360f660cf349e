/** The stock locations of a refurbisher (sites, rooms, shelves): list, add, rename, archive, restore. */
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Form } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { NAME_MAX_LENGTH } from '../../lib/limits.ts';
import { api, type StockLocation } from '../api.ts';
import { ErrorSummary, Field, SubmitButton, useServerFieldErrors } from '../components/forms.tsx';
import { EmptyState } from '../components/help.tsx';
import { useOrganisationNames } from '../components/inventory.tsx';
import { ErrorAlert, Loading, Page, SuccessNotice, TableScroll, useLoad } from '../components/ui.tsx';
import { canManageLocations, useMe, useStockOrganisationId } from '../session.tsx';

function AddLocation({
  organisationId,
  onAdded,
}: {
  organisationId: string;
  onAdded: (l: StockLocation) => void;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const serverErrors = useServerFieldErrors(error);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const added = await api.createLocation({
        organisationId,
        name: name.trim(),
        ...(description.trim() ? { description: description.trim() } : {}),
      });
      setName('');
      setDescription('');
      onAdded(added);
      document.getElementById('location-name')?.focus();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card" aria-labelledby="add-location-title">
      <h2 id="add-location-title">{t('locations.addTitle')}</h2>
      <Form className="form" onSubmit={submit} validationErrors={serverErrors} aria-busy={busy}>
        <ErrorSummary
          error={error}
          fields={{
            name: { id: 'location-name', label: t('locations.name') },
            description: { id: 'location-description', label: t('locations.description') },
          }}
        />
        <div className="field-row">
          <Field
            id="location-name"
            name="name"
            label={t('locations.name')}
            description={t('locations.nameHelp')}
            isRequired
            value={name}
            onChange={setName}
            maxLength={NAME_MAX_LENGTH}
            autoComplete="off"
            validate={(value) => (value.trim() ? null : t('validation.required'))}
          />
          <Field
            id="location-description"
            name="description"
            label={t('locations.description')}
            optional
            value={description}
            onChange={setDescription}
            maxLength={500}
            autoComplete="off"
          />
        </div>
        <SubmitButton busy={busy}>{t('locations.add')}</SubmitButton>
      </Form>
    </section>
  );
}

function LocationRow({
  location,
  stockLink,
  canManage,
  onChanged,
  onError,
}: {
  location: StockLocation;
  stockLink: string;
  canManage: boolean;
  onChanged: (l: StockLocation, message: string) => void;
  onError: (error: unknown) => void;
}) {
  const { t } = useTranslation();
  const [renaming, setRenaming] = useState(false);
  const [name, setName] = useState(location.name);
  const [busy, setBusy] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const renameRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (renaming) inputRef.current?.focus();
  }, [renaming]);

  async function save(patch: { name?: string; archived?: boolean }, message: string) {
    if (busy) return;
    setBusy(true);
    try {
      const changed = await api.updateLocation(location.id, patch);
      setRenaming(false);
      onChanged(changed, message);
    } catch (err) {
      onError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <tr className={location.archivedAt ? 'row-archived' : undefined}>
      <th scope="row">
        {renaming ? (
          <form
            className="inline-form"
            onSubmit={(event) => {
              event.preventDefault();
              const trimmed = name.trim();
              if (!trimmed || trimmed === location.name) {
                setRenaming(false);
                return;
              }
              void save({ name: trimmed }, t('locations.renamed', { name: trimmed }));
            }}
          >
            <label htmlFor={`rename-${location.id}`} className="visually-hidden">
              {t('locations.newName', { name: location.name })}
            </label>
            <input
              id={`rename-${location.id}`}
              ref={inputRef}
              type="text"
              value={name}
              maxLength={NAME_MAX_LENGTH}
              onChange={(event) => setName(event.target.value)}
              onKeyDown={(event) => {
                if (event.key === 'Escape') {
                  setName(location.name);
                  setRenaming(false);
                  window.setTimeout(() => renameRef.current?.focus(), 0);
                }
              }}
            />
            <button type="submit" className="button button-small button-primary" aria-disabled={busy}>
              {t('common.save')}
            </button>
            <button
              type="button"
              className="button button-small button-secondary"
              onClick={() => {
                setName(location.name);
                setRenaming(false);
              }}
            >
              {t('common.cancel')}
            </button>
          </form>
        ) : (
          location.name
        )}
      </th>
      <td>{location.description ?? t('common.none')}</td>
      <td>
        {location.archivedAt ? (
          <span className="status status-off">{t('locations.archived')}</span>
        ) : (
          <span className="status status-ok">{t('locations.active')}</span>
        )}
      </td>
      <td>
        <Link to={stockLink} aria-label={t('locations.devicesOf', { name: location.name })}>
          {t('locations.devices')}
        </Link>
      </td>
      {canManage && (
        <td>
          <div className="row-actions">
            {!renaming && (
              <button
                type="button"
                ref={renameRef}
                className="button button-small button-secondary"
                aria-label={t('locations.renameOf', { name: location.name })}
                onClick={() => setRenaming(true)}
              >
                {t('locations.rename')}
              </button>
            )}
            <button
              type="button"
              className="button button-small button-secondary"
              aria-label={
                location.archivedAt
                  ? t('locations.restoreOf', { name: location.name })
                  : t('locations.archiveOf', { name: location.name })
              }
              aria-disabled={busy}
              onClick={() =>
                void save(
                  { archived: !location.archivedAt },
                  location.archivedAt
                    ? t('locations.restored', { name: location.name })
                    : t('locations.archivedDone', { name: location.name }),
                )
              }
            >
              {location.archivedAt ? t('locations.restore') : t('locations.archive')}
            </button>
          </div>
        </td>
      )}
    </tr>
  );
}

export default function Locations() {
  const { t } = useTranslation();
  const me = useMe();
  const stockOrganisationId = useStockOrganisationId();
  const [params] = useSearchParams();
  const organisationId = stockOrganisationId ?? params.get('organisation') ?? '';
  const names = useOrganisationNames(organisationId ? [organisationId] : []);
  const [showArchived, setShowArchived] = useState(false);
  const loaded = useLoad(
    (signal) =>
      organisationId
        ? api.locations({ organisationId, archived: true }, signal)
        : Promise.resolve({ items: [], nextCursor: null }),
    [organisationId],
  );
  const [items, setItems] = useState<StockLocation[]>([]);
  const [notice, setNotice] = useState('');
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (loaded.data) setItems(loaded.data.items);
  }, [loaded.data]);
  const canManage = canManageLocations(me, organisationId);
  const shown = items.filter((l) => showArchived || !l.archivedAt);
  const archivedCount = items.filter((l) => l.archivedAt).length;

  return (
    <Page
      help="recevoir-un-lot"
      title={
        organisationId && names[organisationId]
          ? t('locations.titleOf', { name: names[organisationId] })
          : t('locations.title')
      }
    >
      <p>
        <Link to="/stock">{t('locations.backToStock')}</Link>
      </p>
      <p>{t('locations.intro')}</p>
      {!organisationId && <p className="alert alert-info">{t('locations.chooseOrganisation')}</p>}
      <ErrorAlert error={loaded.error} onRetry={loaded.reload} />
      <ErrorAlert error={error} />
      <SuccessNotice>{notice}</SuccessNotice>
      {loaded.loading && items.length === 0 && organisationId && <Loading />}
      {organisationId && loaded.data && (
        <>
          {archivedCount > 0 && (
            <div className="checkbox-line">
              <input
                id="show-archived"
                type="checkbox"
                checked={showArchived}
                onChange={(event) => setShowArchived(event.target.checked)}
              />
              <label htmlFor="show-archived">{t('locations.showArchived', { count: archivedCount })}</label>
            </div>
          )}
          {shown.length === 0 ? (
            <EmptyState
              message={t('locations.empty')}
              next={canManage ? t('locations.emptyNext') : t('locations.emptyHolds')}
            />
          ) : (
            <TableScroll label={t('locations.caption')}>
              <table>
                <caption className="visually-hidden">{t('locations.caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('locations.name')}</th>
                    <th scope="col">{t('locations.description')}</th>
                    <th scope="col">{t('locations.state')}</th>
                    <th scope="col">{t('locations.stock')}</th>
                    {canManage && <th scope="col">{t('locations.actions')}</th>}
                  </tr>
                </thead>
                <tbody>
                  {shown.map((location) => (
                    <LocationRow
                      key={location.id}
                      location={location}
                      stockLink={`/stock?${stockOrganisationId ? '' : `organisation=${organisationId}&`}location=${location.id}`}
                      canManage={canManage}
                      onError={(err) => {
                        setNotice('');
                        setError(err);
                      }}
                      onChanged={(changed, message) => {
                        setItems((previous) => previous.map((l) => (l.id === changed.id ? changed : l)));
                        setError(null);
                        setNotice(message);
                      }}
                    />
                  ))}
                </tbody>
              </table>
            </TableScroll>
          )}
          {canManage && (
            <AddLocation
              organisationId={organisationId}
              onAdded={(added) => {
                setItems((previous) =>
                  [...previous, added].sort((a, b) =>
                    a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }),
                  ),
                );
                setError(null);
                setNotice(t('locations.added', { name: added.name }));
              }}
            />
          )}
        </>
      )}
    </Page>
  );
}
