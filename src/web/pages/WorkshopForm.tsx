/**
 * Create (`/ateliers/nouveau`) or change (`/ateliers/:id/modifier`) a workshop: title, programme (on
 * creation only; optional), format, place, trainer (oneself or a name), capacity, completion threshold and
 * a description. The server's refusals show next to their fields and in a summary that takes focus.
 */
import { type FormEvent, useEffect, useState } from 'react';
import { Form } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { NAME_MAX_LENGTH } from '../../lib/limits.ts';
import {
  CheckboxField,
  ErrorSummary,
  Field,
  SelectField,
  SubmitButton,
  type SummaryField,
  TextAreaField,
  useServerFieldErrors,
} from '../components/forms.tsx';
import { parseWhole } from '../components/training/common.tsx';
import { ErrorAlert, Loading, Page, useLoad } from '../components/ui.tsx';
import { peopleApi } from '../peopleApi.ts';
import { trainingOrganisations, useMe, useSession } from '../session.tsx';
import {
  trainingApi,
  WORKSHOP_FORMATS,
  type WorkshopDetail,
  type WorkshopFields,
  type WorkshopFormat,
} from '../trainingApi.ts';
import type { NoticeState } from './OrganisationForm.tsx';

interface State {
  title: string;
  programmeId: string;
  format: WorkshopFormat;
  place: string;
  trainerIsMe: boolean;
  trainerName: string;
  capacity: string;
  threshold: string;
  description: string;
}

function initialState(workshop: WorkshopDetail | undefined, programmeId: string, myId: string): State {
  return {
    title: workshop?.title ?? '',
    programmeId: workshop?.programmeId ?? programmeId,
    format: workshop?.format ?? 'initiation',
    place: workshop?.place ?? '',
    trainerIsMe: workshop ? workshop.trainerUserId === myId : true,
    trainerName: workshop?.trainerName ?? '',
    capacity: workshop?.capacity === null || workshop === undefined ? '' : String(workshop.capacity),
    threshold: String(workshop?.completionThresholdPercent ?? 80),
    description: workshop?.description ?? '',
  };
}

function isFormat(value: string): value is WorkshopFormat {
  return (WORKSHOP_FORMATS as readonly string[]).includes(value);
}

function WorkshopFormBody({ workshop }: { workshop?: WorkshopDetail }) {
  const { t } = useTranslation();
  const me = useMe();
  const { currentOrganisationId } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [state, setState] = useState<State>(() =>
    initialState(workshop, params.get('programme') ?? '', me.user.id),
  );
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const serverErrors = useServerFieldErrors(error);
  const otherTrainer =
    workshop?.trainerUserId && workshop.trainerUserId !== me.user.id
      ? { id: workshop.trainerUserId, name: workshop.trainerDisplayName ?? '' }
      : null;
  const programmes = useLoad((signal) => peopleApi.programmes({ status: 'open', limit: 100 }, signal), []);
  const set =
    <K extends keyof State>(key: K) =>
    (value: State[K]) =>
      setState((previous) => ({ ...previous, [key]: value }));

  const fields: Record<string, SummaryField> = {
    title: { id: 'workshop-title', label: t('workshopForm.title') },
    programmeId: { id: 'workshop-programme', label: t('workshopForm.programme') },
    organisationId: { id: 'workshop-programme', label: t('workshopForm.programme') },
    format: { id: 'workshop-format', label: t('workshopForm.format') },
    place: { id: 'workshop-place', label: t('workshopForm.place') },
    trainerUserId: { id: 'workshop-trainer-me', label: t('workshopForm.trainerIsMe') },
    trainerName: { id: 'workshop-trainer-name', label: t('workshopForm.trainerName') },
    capacity: { id: 'workshop-capacity', label: t('workshopForm.capacity') },
    completionThresholdPercent: { id: 'workshop-threshold', label: t('workshopForm.threshold') },
    description: { id: 'workshop-description', label: t('workshopForm.description') },
  };

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const capacity = parseWhole(state.capacity);
    const threshold = parseWhole(state.threshold);
    // The fields' own checks ran before this (react-aria's form validation).
    if (Number.isNaN(capacity) || Number.isNaN(threshold)) return;
    const body: WorkshopFields = {
      title: state.title.trim(),
      format: state.format,
      place: state.place.trim() || null,
      // Another member who runs it stays so unless someone else is named or one takes it over.
      trainerUserId: state.trainerIsMe
        ? me.user.id
        : otherTrainer && !state.trainerName.trim()
          ? otherTrainer.id
          : null,
      trainerName: state.trainerIsMe ? null : state.trainerName.trim() || null,
      capacity: capacity ?? null,
      completionThresholdPercent: threshold ?? 80,
      description: state.description.trim() || null,
    };
    setBusy(true);
    setError(null);
    try {
      let saved: WorkshopDetail;
      if (workshop) {
        saved = await trainingApi.updateWorkshop(workshop.id, body);
      } else {
        const runs = trainingOrganisations(me);
        // Without a programme the workshop is the current organisation's (the server needs one when there are several).
        const organisationId =
          runs.find((o) => o.id === currentOrganisationId)?.id ?? runs[0]?.id ?? currentOrganisationId;
        saved = await trainingApi.createWorkshop({
          ...body,
          title: body.title ?? '',
          ...(state.programmeId ? { programmeId: state.programmeId } : {}),
          ...(!state.programmeId && organisationId ? { organisationId } : {}),
        });
      }
      const notice = workshop ? t('workshopForm.saved') : t('workshopForm.created', { title: saved.title });
      navigate(`/ateliers/${saved.id}`, { state: { notice } satisfies NoticeState });
    } catch (err) {
      setBusy(false);
      setError(err);
    }
  }

  return (
    <Form className="card form" onSubmit={submit} validationErrors={serverErrors} aria-busy={busy}>
      <ErrorSummary error={error} fields={fields} />
      <Field
        id="workshop-title"
        name="title"
        label={t('workshopForm.title')}
        description={t('workshopForm.titleHelp')}
        isRequired
        value={state.title}
        onChange={set('title')}
        maxLength={NAME_MAX_LENGTH}
        validate={(value) => (value.trim() ? null : t('validation.required'))}
      />
      {!workshop && (
        <SelectField
          id="workshop-programme"
          name="programmeId"
          label={t('workshopForm.programme')}
          description={t('workshopForm.programmeHelp')}
          optional
          value={state.programmeId}
          onChange={set('programmeId')}
          placeholder={t('workshopForm.noProgramme')}
          options={(programmes.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
        />
      )}
      <SelectField
        id="workshop-format"
        name="format"
        label={t('workshopForm.format')}
        isRequired
        value={state.format}
        onChange={(value) => {
          if (isFormat(value)) set('format')(value);
        }}
        options={WORKSHOP_FORMATS.map((f) => ({ value: f, label: t(`workshops.formats.${f}`) }))}
      />
      <Field
        id="workshop-place"
        name="place"
        label={t('workshopForm.place')}
        description={t('workshopForm.placeHelp')}
        optional
        value={state.place}
        onChange={set('place')}
        maxLength={300}
      />
      <CheckboxField
        id="workshop-trainer-me"
        name="trainerUserId"
        label={t('workshopForm.trainerIsMe')}
        description={t('workshopForm.trainerIsMeHelp')}
        isSelected={state.trainerIsMe}
        onChange={set('trainerIsMe')}
      />
      {!state.trainerIsMe && (
        <Field
          id="workshop-trainer-name"
          name="trainerName"
          label={t('workshopForm.trainerName')}
          {...(otherTrainer
            ? { description: t('workshopForm.trainerNow', { name: otherTrainer.name }) }
            : {})}
          optional
          value={state.trainerName}
          onChange={set('trainerName')}
          maxLength={NAME_MAX_LENGTH}
        />
      )}
      <div className="field-row">
        <Field
          id="workshop-capacity"
          name="capacity"
          label={t('workshopForm.capacity')}
          description={t('workshopForm.capacityHelp')}
          optional
          inputMode="numeric"
          value={state.capacity}
          onChange={set('capacity')}
          validate={(value) => {
            const n = parseWhole(value);
            return n === undefined || (!Number.isNaN(n) && n >= 1) ? null : t('workshopForm.capacityInvalid');
          }}
        />
        <Field
          id="workshop-threshold"
          name="completionThresholdPercent"
          label={t('workshopForm.threshold')}
          description={t('workshopForm.thresholdHelp')}
          isRequired
          inputMode="numeric"
          value={state.threshold}
          onChange={set('threshold')}
          validate={(value) => {
            const n = parseWhole(value);
            return n !== undefined && !Number.isNaN(n) && n >= 1 && n <= 100
              ? null
              : t('workshopForm.thresholdInvalid');
          }}
        />
      </div>
      <TextAreaField
        id="workshop-description"
        name="description"
        label={t('workshopForm.description')}
        optional
        value={state.description}
        onChange={set('description')}
        maxLength={2000}
      />
      <div className="actions">
        <SubmitButton busy={busy}>
          {workshop ? t('workshopForm.save') : t('workshopForm.create')}
        </SubmitButton>
        <Link to={workshop ? `/ateliers/${workshop.id}` : '/ateliers'} className="button button-secondary">
          {t('common.cancel')}
        </Link>
      </div>
    </Form>
  );
}

export default function WorkshopForm() {
  const { t } = useTranslation();
  const { id } = useParams();
  const loaded = useLoad(
    (signal) => (id ? trainingApi.workshop(id, signal) : Promise.resolve(undefined)),
    [id],
  );
  const [ready, setReady] = useState(!id);
  useEffect(() => {
    if (loaded.data) setReady(true);
  }, [loaded.data]);
  const title = id ? t('workshopForm.editTitle') : t('workshopForm.newTitle');
  return (
    <Page help="animer-un-atelier" title={title}>
      <p className="breadcrumbs">
        <Link to={id ? `/ateliers/${id}` : '/ateliers'}>{t('workshopForm.back')}</Link>
      </p>
      <ErrorAlert error={loaded.error} onRetry={loaded.reload} />
      {id && !ready && !loaded.error && <Loading />}
      {ready && <WorkshopFormBody {...(loaded.data ? { workshop: loaded.data } : {})} />}
    </Page>
  );
}
