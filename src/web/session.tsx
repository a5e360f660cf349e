/**
 * Who is logged in, and which of their organisations they are working for. Loaded once at start-up,
 * updated on login/logout, cleared when the API answers 401 to a call that needed a session.
 */
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { api, type Me, type OrganisationProfile, type Role, setUnauthorizedHandler } from './api.ts';
import { setInstanceTimeZone } from './components/inventory.tsx';
import { changeLanguage, hasStoredLanguage } from './i18n/index.ts';

const ORGANISATION_KEY = 'seconde-vie.organisation';

export interface Session {
  /** Null before the first answer from the server. */
  status: 'loading' | 'ready';
  me: Me | null;
  /** Set when a session ended under the person's feet (401), cleared at the next login. */
  expired: boolean;
  currentOrganisationId: string | null;
  setCurrentOrganisationId(id: string): void;
  /** Records a fresh login (or accepted invitation). */
  signedIn(me: Me): void;
  /** Forgets the account locally (after the server ended the session). */
  signedOut(): void;
  refresh(): Promise<void>;
  logout(): Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

function readOrganisation(): string | null {
  try {
    return localStorage.getItem(ORGANISATION_KEY);
  } catch {
    return null;
  }
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<'loading' | 'ready'>('loading');
  const [me, setMe] = useState<Me | null>(null);
  const [expired, setExpired] = useState(false);
  const [storedOrganisation, setStoredOrganisation] = useState<string | null>(readOrganisation);

  useEffect(() => {
    let cancelled = false;
    // Forms propose « today » as the instance counts it, whatever the browser's time zone.
    api
      .setup()
      .then((setup) => setInstanceTimeZone(setup.timeZone))
      .catch(() => {
        // Unreachable server: the browser's own day stands in.
      });
    api
      .me()
      .then((value) => {
        if (!cancelled) setMe(value);
      })
      .catch(() => {
        // Server unreachable: show the login page, which says so when used.
      })
      .finally(() => {
        if (!cancelled) setStatus('ready');
      });
    return () => {
      cancelled = true;
    };
  }, []);

  useEffect(() => {
    // Only calls that need a session report 401 here, so a session did exist and has ended.
    setUnauthorizedHandler(() => {
      setExpired(true);
      setMe(null);
    });
    return () => setUnauthorizedHandler(null);
  }, []);

  const signedIn = useCallback((value: Me) => {
    setExpired(false);
    setMe(value);
    setStatus('ready');
    const locale = value.user.locale;
    if (!hasStoredLanguage() && (locale === 'en' || locale === 'fr')) void changeLanguage(locale, false);
  }, []);

  const signedOut = useCallback(() => setMe(null), []);

  const refresh = useCallback(async () => {
    const value = await api.me();
    setMe(value);
  }, []);

  const logout = useCallback(async () => {
    try {
      await api.logout();
    } finally {
      setExpired(false);
      setMe(null);
    }
  }, []);

  const setCurrentOrganisationId = useCallback((id: string) => {
    setStoredOrganisation(id);
    try {
      localStorage.setItem(ORGANISATION_KEY, id);
    } catch {
      // Storage refused: the choice lasts for this page only.
    }
  }, []);

  const currentOrganisationId = useMemo(() => {
    const memberships = me?.memberships ?? [];
    if (memberships.length === 0) return null;
    const stored = memberships.find((m) => m.organisation.id === storedOrganisation);
    return (stored ?? memberships[0])?.organisation.id ?? null;
  }, [me, storedOrganisation]);

  const value = useMemo<Session>(
    () => ({
      status,
      me,
      expired,
      currentOrganisationId,
      setCurrentOrganisationId,
      signedIn,
      signedOut,
      refresh,
      logout,
    }),
    [
      status,
      me,
      expired,
      currentOrganisationId,
      setCurrentOrganisationId,
      signedIn,
      signedOut,
      refresh,
      logout,
    ],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}

/** The logged-in account (only inside pages behind RequireAuth). */
export function useMe(): Me {
  const { me } = useSession();
  if (!me) throw new Error('useMe without a session');
  return me;
}

/** Whether the account may read the audit log: platform administrators and organisation administrators. */
export function canReadAudit(me: Me | null): boolean {
  if (!me) return false;
  return me.user.isPlatformAdmin || me.memberships.some((m) => m.role === 'admin');
}

/** Whether the account may read the outbox (`/courriels`): the same people as the audit log. */
export function canReadOutbox(me: Me | null): boolean {
  return canReadAudit(me);
}

/** Roles that work on devices and donations (the server's `device.write` / `donation.write`). */
const STOCK_WRITERS: readonly Role[] = ['admin', 'manager', 'technician'];

/** The refurbishers the account belongs to: their stock is the account's to see. */
export function stockOrganisations(me: Me | null): OrganisationProfile[] {
  return (me?.memberships ?? [])
    .filter((m) => m.organisation.kinds.includes('refurbisher'))
    .map((m) => m.organisation);
}

/** Whether the account sees the stock pages: members of a refurbisher, and platform administrators. */
export function canUseStock(me: Me | null): boolean {
  if (!me) return false;
  return me.user.isPlatformAdmin || stockOrganisations(me).length > 0;
}

/** Whether the account may have donations to see: members of a donor or a refurbisher, and platform administrators. */
export function canSeeDonations(me: Me | null): boolean {
  if (!me) return false;
  return (
    me.user.isPlatformAdmin ||
    me.memberships.some((m) => m.organisation.kinds.some((k) => k === 'donor' || k === 'refurbisher'))
  );
}

/** Whether the account may record a donation (for its donor or refurbisher organisations). */
export function canRecordDonations(me: Me | null): boolean {
  if (!me) return false;
  return (
    me.user.isPlatformAdmin ||
    me.memberships.some(
      (m) =>
        STOCK_WRITERS.includes(m.role) &&
        m.organisation.kinds.some((k) => k === 'donor' || k === 'refurbisher'),
    )
  );
}

/** Whether the account may work on this refurbisher's devices (change statuses, send them to recycling). */
export function canWriteStock(me: Me | null, organisationId: string | null): boolean {
  if (!me) return false;
  if (me.user.isPlatformAdmin) return true;
  const role = me.memberships.find((m) => m.organisation.id === organisationId)?.role;
  return role !== undefined && STOCK_WRITERS.includes(role);
}

/** Whether the account may add, rename and archive the stock locations of this organisation. */
export function canManageLocations(me: Me | null, organisationId: string | null): boolean {
  if (!me) return false;
  if (me.user.isPlatformAdmin) return true;
  const role = me.memberships.find((m) => m.organisation.id === organisationId)?.role;
  return role === 'admin' || role === 'manager';
}

/**
 * The refurbisher whose stock the pages show: the current organisation when it is one, else the
 * account's only (or first) refurbisher; null for a platform administrator outside any refurbisher.
 */
export function useStockOrganisationId(): string | null {
  const { me, currentOrganisationId } = useSession();
  const refurbishers = stockOrganisations(me);
  return (refurbishers.find((o) => o.id === currentOrganisationId) ?? refurbishers[0])?.id ?? null;
}

// ---- Programmes and people -------------------------------------------------------------------------------

/** Roles that write beneficiaries, their consents and referrals in their organisation. */
const PEOPLE_WRITERS: readonly Role[] = ['admin', 'manager', 'social_worker'];

/**
 * Whether the account may have programmes to see: a programme is visible to its owner, partners and
 * funders — any organisation but a donor only.
 */
export function canSeeProgrammes(me: Me | null): boolean {
  if (!me) return false;
  return (
    me.user.isPlatformAdmin || me.memberships.some((m) => m.organisation.kinds.some((k) => k !== 'donor'))
  );
}

/** The organisations whose programmes the account may create and change (its admins and managers). */
export function programmeOwnerOrganisations(me: Me | null): OrganisationProfile[] {
  return (me?.memberships ?? [])
    .filter((m) => m.role === 'admin' || m.role === 'manager')
    .map((m) => m.organisation);
}

/** Whether the account may create a programme. */
export function canCreateProgramme(me: Me | null): boolean {
  if (!me) return false;
  return me.user.isPlatformAdmin || programmeOwnerOrganisations(me).length > 0;
}

/**
 * Whether the account may have people to see: members of a referring organisation or of a programme's
 * owner, except the roles that never work with people (technicians, trainers); donors and funders never
 * see people.
 */
export function canSeePeople(me: Me | null): boolean {
  if (!me) return false;
  return (
    me.user.isPlatformAdmin ||
    me.memberships.some(
      (m) =>
        m.role !== 'technician' &&
        m.role !== 'trainer' &&
        m.organisation.kinds.some((k) => k !== 'donor' && k !== 'funder'),
    )
  );
}

/** The organisations in whose name the account may record a person and refer them. */
export function referringOrganisations(me: Me | null): OrganisationProfile[] {
  return (me?.memberships ?? []).filter((m) => PEOPLE_WRITERS.includes(m.role)).map((m) => m.organisation);
}

/** Whether the account may record a new person (for one of its organisations). */
export function canRecordPeople(me: Me | null): boolean {
  if (!me) return false;
  return me.user.isPlatformAdmin || referringOrganisations(me).length > 0;
}

/**
 * Whether the account may allocate, hand over and lend devices somewhere: the staff (admin, manager,
 * social worker) of an organisation that may own programmes; the server answers 403/404 otherwise.
 */
export function canDistribute(me: Me | null): boolean {
  if (!me) return false;
  return (
    me.user.isPlatformAdmin ||
    me.memberships.some(
      (m) =>
        PEOPLE_WRITERS.includes(m.role) && m.organisation.kinds.some((k) => k !== 'donor' && k !== 'funder'),
    )
  );
}

/** Whether the account is of the staff of the programme's owner (who allocates and hands over). */
export function distributesFor(
  me: Me | null,
  programme: { ownerOrganisationId: string; can: { manage: boolean } },
): boolean {
  if (!me) return false;
  return (
    programme.can.manage ||
    me.memberships.some(
      (m) => m.organisation.id === programme.ownerOrganisationId && PEOPLE_WRITERS.includes(m.role),
    )
  );
}

// ---- Training ----------------------------------------------------------------------------------------------

/** Roles that run workshops (sessions, attendance, assessments, anonymous activities): the server's `training.manage`. */
const TRAINING_RUNNERS: readonly Role[] = ['admin', 'manager', 'trainer'];

/** Organisations that may run workshops or own their programmes: any kind but donor, refurbisher and funder. */
function mayTrain(organisation: OrganisationProfile): boolean {
  return organisation.kinds.some((k) => k !== 'donor' && k !== 'refurbisher' && k !== 'funder');
}

/** Whether the account may have workshops to see (every role of an organisation that trains reads them). */
export function canSeeTraining(me: Me | null): boolean {
  if (!me) return false;
  return me.user.isPlatformAdmin || me.memberships.some((m) => mayTrain(m.organisation));
}

/** The organisations in whose name the account may run workshops and record anonymous activities. */
export function trainingOrganisations(me: Me | null): OrganisationProfile[] {
  return (me?.memberships ?? [])
    .filter((m) => TRAINING_RUNNERS.includes(m.role) && mayTrain(m.organisation))
    .map((m) => m.organisation);
}

/** Whether the account may create workshops and record anonymous activities. */
export function canRunTraining(me: Me | null): boolean {
  if (!me) return false;
  return me.user.isPlatformAdmin || trainingOrganisations(me).length > 0;
}
