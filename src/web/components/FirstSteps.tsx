/**
 * « Pour bien démarrer »: an organisation administrator's first steps on the home page (create your
 * programme, invite your team, import your stock), each ticked from the organisation's real data. It can
 * be hidden (remembered on this browser) and goes away once every step is done.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, type OrganisationProfile } from '../api.ts';
import { peopleApi } from '../peopleApi.ts';
import { type ChecklistFacts, type ChecklistStep, checklistState, checklistSteps } from './checklist.ts';
import { HelpLink } from './help.tsx';
import { useAnnounce, useLoad } from './ui.tsx';

const HIDDEN_KEY = 'seconde-vie.first-steps-hidden';

function hiddenHere(organisationId: string): boolean {
  try {
    return localStorage.getItem(`${HIDDEN_KEY}.${organisationId}`) === '1';
  } catch {
    return false;
  }
}

function hideHere(organisationId: string): void {
  try {
    localStorage.setItem(`${HIDDEN_KEY}.${organisationId}`, '1');
  } catch {
    // Private browsing without storage: hidden until the page reloads.
  }
}

/** Reads, with the smallest lists, what the organisation's steps need. */
async function loadFacts(organisation: OrganisationProfile, signal: AbortSignal): Promise<ChecklistFacts> {
  const steps = checklistSteps(organisation.kinds);
  const id = organisation.id;
  const count = async (wanted: ChecklistStep, load: () => Promise<{ items: unknown[] }>) =>
    steps.includes(wanted) ? (await load()).items.length : 0;
  const [programmes, members, devices, donations] = await Promise.all([
    count('programme', () => peopleApi.programmes({ organisationId: id, limit: 1 }, signal)),
    count('team', () => api.members(id, { limit: 2 }, signal)),
    count('stock', () => api.devices({ organisationId: id, limit: 1 }, signal)),
    count('donation', () => api.donations({ organisationId: id, limit: 1 }, signal)),
  ]);
  return { programmes, members, devices, donations };
}

function stepLink(step: ChecklistStep, organisationId: string): string {
  switch (step) {
    case 'programme':
      return '/programmes/nouveau';
    case 'team':
      return `/organisations/${organisationId}`;
    case 'stock':
    case 'donation':
      return '/dons/nouveau';
  }
}

/**
 * The checklist of the organisation the administrator is working in. Once hidden on this browser, nothing
 * is loaded: the home page asks for no lists for it.
 */
export function FirstSteps({ organisation }: { organisation: OrganisationProfile }) {
  const announce = useAnnounce();
  const { t } = useTranslation();
  const [hidden, setHidden] = useState(() => hiddenHere(organisation.id));
  if (hidden) return null;
  return (
    <FirstStepsList
      organisation={organisation}
      onHide={() => {
        hideHere(organisation.id);
        setHidden(true);
        announce(t('firstSteps.hiddenNotice'));
      }}
    />
  );
}

function FirstStepsList({ organisation, onHide }: { organisation: OrganisationProfile; onHide: () => void }) {
  const { t } = useTranslation();
  const facts = useLoad((signal) => loadFacts(organisation, signal), [organisation.id]);
  if (!facts.data) return null;
  const state = checklistState(organisation.kinds, facts.data);
  if (state.length === 0) return null;
  const done = state.filter((s) => s.done).length;
  return (
    <section className="card first-steps" aria-labelledby="first-steps-title">
      <h2 id="first-steps-title">{t('firstSteps.title')}</h2>
      <p>
        {t('firstSteps.intro', { organisation: organisation.name })}{' '}
        <span className="muted">{t('firstSteps.progress', { count: done, total: state.length })}</span>
      </p>
      <ol className="checklist">
        {state.map(({ step, done: stepDone }) => (
          <li key={step} className={stepDone ? 'checklist-done' : undefined} data-step={step}>
            <span className="checklist-mark" aria-hidden="true">
              {stepDone ? '✓' : ''}
            </span>
            <div>
              <p>
                {stepDone ? (
                  <strong>{t(`firstSteps.steps.${step}.title`)}</strong>
                ) : (
                  <Link to={stepLink(step, organisation.id)}>
                    <strong>{t(`firstSteps.steps.${step}.title`)}</strong>
                  </Link>
                )}{' '}
                <span className="checklist-status">
                  {stepDone ? t('firstSteps.done') : t('firstSteps.toDo')}
                </span>
              </p>
              <p className="help">{t(`firstSteps.steps.${step}.text`)}</p>
            </div>
          </li>
        ))}
      </ol>
      <div className="actions">
        <HelpLink page="premiers-pas" className="button button-secondary help-link" />
        <button type="button" className="button button-secondary" onClick={onHide}>
          {t('firstSteps.hide')}
          <span className="visually-hidden"> {t('firstSteps.title')}</span>
        </button>
      </div>
    </section>
  );
}
