/**
 * The routes. Every page is its own chunk, loaded when first visited — except the login page, where
 * every visit starts: it ships in the entry chunk (1.6 KB gzip), saving a round trip on slow connections
 * (bench/frontend.ts).
 */
import { type ComponentType, isValidElement, type LazyExoticComponent, lazy } from 'react';
import { BrowserRouter, createRoutesFromElements, matchRoutes, Route, Routes } from 'react-router';
import { Layout, RequireAuth } from './components/Layout.tsx';
import { AnnouncerProvider } from './components/ui.tsx';
import {
  loadBudgetsTexts,
  loadCensusTexts,
  loadChequesTexts,
  loadDistributionTexts,
  loadFollowUpTexts,
  loadInventoryTexts,
  loadPeopleTexts,
  loadPortalTexts,
  loadReportsTexts,
  loadTrainingTexts,
  loadWorkforceTexts,
} from './i18n/index.ts';
import Login from './pages/Login.tsx';
import { SessionProvider } from './session.tsx';

/** Each page's loader, shared by its lazy component and the early start below. */
const loaders = new WeakMap<object, () => Promise<unknown>>();

/**
 * A page loaded on first visit. Its loader runs once (again after a failure, so a dropped connection
 * can be retried), whether the route renders it or `startLoadingPage` starts it early.
 */
// biome-ignore lint/suspicious/noExplicitAny: a page's props are its own; lazy() takes any component.
function page<T extends ComponentType<any>>(loader: () => Promise<{ default: T }>): LazyExoticComponent<T> {
  let loading: Promise<{ default: T }> | undefined;
  const load = () => {
    loading ??= loader().catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
    return loading;
  };
  const Component = lazy(load);
  loaders.set(Component, load);
  return Component;
}

const Invitation = page(() => import('./pages/Invitation.tsx'));
const ForgotPassword = page(() => import('./pages/ForgotPassword.tsx'));
const ResetPassword = page(() => import('./pages/ResetPassword.tsx'));
const Home = page(() => import('./pages/Home.tsx'));
const Organisations = page(() => import('./pages/Organisations.tsx'));
const OrganisationForm = page(() => import('./pages/OrganisationForm.tsx'));
const OrganisationDetail = page(() => import('./pages/OrganisationDetail.tsx'));
const Audit = page(() => import('./pages/Audit.tsx'));
const Outbox = page(() => import('./pages/Outbox.tsx'));
const Account = page(() => import('./pages/Account.tsx'));
const Accounts = page(() => import('./pages/Accounts.tsx'));
const Jobs = page(() => import('./pages/Jobs.tsx'));
/** An inventory page: its code and its texts load together. */
function inventoryPage<T>(page: () => Promise<T>): () => Promise<T> {
  return () => Promise.all([page(), loadInventoryTexts()]).then(([module]) => module);
}

const Donations = page(inventoryPage(() => import('./pages/Donations.tsx')));
const DonationForm = page(inventoryPage(() => import('./pages/DonationForm.tsx')));
const DonationDetail = page(
  inventoryPage(() =>
    Promise.all([import('./pages/DonationDetail.tsx'), loadReportsTexts()]).then(([m]) => m),
  ),
);
const Intake = page(inventoryPage(() => import('./pages/Intake.tsx')));
const DeviceImport = page(inventoryPage(() => import('./pages/DeviceImport.tsx')));
const Stock = page(inventoryPage(() => import('./pages/Stock.tsx')));
const Locations = page(inventoryPage(() => import('./pages/Locations.tsx')));
const Recycling = page(inventoryPage(() => import('./pages/Recycling.tsx')));
const DeviceDetail = page(inventoryPage(() => import('./pages/DeviceDetail.tsx')));
/** A programmes or people page: its code and its texts load together. */
function peoplePage<T>(page: () => Promise<T>): () => Promise<T> {
  return () => Promise.all([page(), loadPeopleTexts()]).then(([module]) => module);
}

/** A page with allocations or loans: the people texts and the distribution texts load with it. */
function distributionPage<T>(page: () => Promise<T>): () => Promise<T> {
  return () => Promise.all([page(), loadPeopleTexts(), loadDistributionTexts()]).then(([module]) => module);
}

const Programmes = page(peoplePage(() => import('./pages/Programmes.tsx')));
const ProgrammeForm = page(peoplePage(() => import('./pages/ProgrammeForm.tsx')));
/** A report page: the people and inventory texts (publics, device types) and the reports' texts. */
function reportPage<T>(page: () => Promise<T>): () => Promise<T> {
  return () =>
    Promise.all([
      page(),
      loadPeopleTexts(),
      loadInventoryTexts(),
      loadReportsTexts(),
      loadChequesTexts(),
    ]).then(([module]) => module);
}

const ProgrammeDetail = page(
  distributionPage(() =>
    Promise.all([
      import('./pages/ProgrammeDetail.tsx'),
      loadReportsTexts(),
      loadBudgetsTexts(),
      loadCensusTexts(),
    ]).then(([m]) => m),
  ),
);
const ProgrammeBudget = page(
  peoplePage(() => Promise.all([import('./pages/ProgrammeBudget.tsx'), loadBudgetsTexts()]).then(([m]) => m)),
);
const Loans = page(distributionPage(() => import('./pages/Loans.tsx')));
const Tickets = page(distributionPage(() => import('./pages/Tickets.tsx')));
const InternetAidTotals = page(distributionPage(() => import('./pages/InternetAidTotals.tsx')));
const ReportProblem = page(distributionPage(() => import('./pages/ReportProblem.tsx')));
const ProgrammeReport = page(reportPage(() => import('./pages/ProgrammeReport.tsx')));
const ReportsHome = page(reportPage(() => import('./pages/ReportsHome.tsx')));
const FunderReport = page(reportPage(() => import('./pages/FunderReport.tsx')));
const DonorSummary = page(reportPage(() => import('./pages/DonorSummary.tsx')));
const NetworkDashboard = page(reportPage(() => import('./pages/NetworkDashboard.tsx')));
const Beneficiaries = page(peoplePage(() => import('./pages/Beneficiaries.tsx')));
const BeneficiaryForm = page(peoplePage(() => import('./pages/BeneficiaryForm.tsx')));
const BeneficiaryDetail = page(
  distributionPage(() =>
    Promise.all([import('./pages/BeneficiaryDetail.tsx'), loadTrainingTexts()]).then(([m]) => m),
  ),
);
/** A training page: the people texts (names, referral statuses) and the training texts load with it. */
function trainingPage<T>(page: () => Promise<T>): () => Promise<T> {
  return () => Promise.all([page(), loadPeopleTexts(), loadTrainingTexts()]).then(([module]) => module);
}

/** A training page that also shows training cheques (a link, the check-in's cheques): their texts too. */
function chequesPage<T>(page: () => Promise<T>): () => Promise<T> {
  return trainingPage(() => Promise.all([page(), loadChequesTexts()]).then(([module]) => module));
}

const Workshops = page(chequesPage(() => import('./pages/Workshops.tsx')));
const WorkshopForm = page(trainingPage(() => import('./pages/WorkshopForm.tsx')));
const WorkshopDetail = page(trainingPage(() => import('./pages/WorkshopDetail.tsx')));
const CheckIn = page(chequesPage(() => import('./pages/CheckIn.tsx')));
const Cheques = page(chequesPage(() => import('./pages/Cheques.tsx')));
const CompetenceGrid = page(trainingPage(() => import('./pages/CompetenceGrid.tsx')));
const Activities = page(trainingPage(() => import('./pages/Activities.tsx')));
/** An association portal page: the people and distribution texts (device types, statuses) and its own. */
function portalPage<T>(page: () => Promise<T>): () => Promise<T> {
  return () =>
    Promise.all([
      page(),
      loadPeopleTexts(),
      loadInventoryTexts(),
      loadDistributionTexts(),
      loadPortalTexts(),
    ]).then(([module]) => module);
}
/** A follow-up page: the people texts and its own. */
function followUpPage<T>(page: () => Promise<T>): () => Promise<T> {
  return () => Promise.all([page(), loadPeopleTexts(), loadFollowUpTexts()]).then(([module]) => module);
}
/** A public page without an account (a phone, an old laptop): its code and its own texts only. */
function publicPage<T>(page: () => Promise<T>, texts: () => Promise<void>): () => Promise<T> {
  return () => Promise.all([page(), texts()]).then(([module]) => module);
}
const PortalRegister = page(publicPage(() => import('./pages/PortalRegister.tsx'), loadPortalTexts));
const PortalConfirm = page(publicPage(() => import('./pages/PortalConfirm.tsx'), loadPortalTexts));
const CensusPublic = page(publicPage(() => import('./pages/CensusPublic.tsx'), loadCensusTexts));
const CensusStaff = page(
  peoplePage(() => Promise.all([import('./pages/CensusStaff.tsx'), loadCensusTexts()]).then(([m]) => m)),
);
const PortalHome = page(portalPage(() => import('./pages/PortalHome.tsx')));
const PortalOrder = page(portalPage(() => import('./pages/PortalOrder.tsx')));
const ProgrammeAssociations = page(portalPage(() => import('./pages/ProgrammeAssociations.tsx')));
const FollowUpQuestionnaire = page(
  publicPage(() => import('./pages/FollowUpQuestionnaire.tsx'), loadFollowUpTexts),
);
const FollowUps = page(followUpPage(() => import('./pages/FollowUps.tsx')));
/** An insertion workforce page: its code and its texts load together. */
function workforcePage<T>(page: () => Promise<T>): () => Promise<T> {
  return () => Promise.all([page(), loadWorkforceTexts()]).then(([module]) => module);
}
const Workforce = page(workforcePage(() => import('./pages/Workforce.tsx')));
const WorkforcePerson = page(workforcePage(() => import('./pages/WorkforcePerson.tsx')));
const WorkforceSettings = page(workforcePage(() => import('./pages/WorkforceSettings.tsx')));
const WorkforceReport = page(workforcePage(() => import('./pages/WorkforceReport.tsx')));
const FollowUpAnswer = page(followUpPage(() => import('./pages/FollowUpAnswer.tsx')));
const NotFound = page(() => import('./pages/NotFound.tsx'));

/** Every route; the login page is the only one in the entry chunk. */
const routes = (
  <Route element={<Layout />}>
    <Route path="connexion" element={<Login />} />
    <Route path="invitation/:token" element={<Invitation />} />
    <Route path="mot-de-passe-oublie" element={<ForgotPassword />} />
    <Route path="mot-de-passe/:token" element={<ResetPassword />} />
    <Route path="signaler/:token" element={<ReportProblem />} />
    <Route path="associations/inscription/:programmeId" element={<PortalRegister />} />
    <Route path="associations/confirmer/:token" element={<PortalConfirm />} />
    <Route path="besoins/:programmeId" element={<CensusPublic />} />
    <Route path="suivi/:token" element={<FollowUpQuestionnaire />} />
    <Route element={<RequireAuth />}>
      <Route index element={<Home />} />
      <Route path="organisations" element={<Organisations />} />
      <Route path="organisations/nouvelle" element={<OrganisationForm />} />
      <Route path="organisations/:id" element={<OrganisationDetail />} />
      <Route path="organisations/:id/modifier" element={<OrganisationForm />} />
      <Route path="journal" element={<Audit />} />
      <Route path="courriels" element={<Outbox />} />
      <Route path="compte" element={<Account />} />
      <Route path="comptes" element={<Accounts />} />
      <Route path="taches" element={<Jobs />} />
      <Route path="dons" element={<Donations />} />
      <Route path="dons/nouveau" element={<DonationForm />} />
      <Route path="dons/:id" element={<DonationDetail />} />
      <Route path="dons/:id/saisie" element={<Intake />} />
      <Route path="dons/:id/import" element={<DeviceImport />} />
      <Route path="stock" element={<Stock />} />
      <Route path="stock/emplacements" element={<Locations />} />
      <Route path="stock/recyclage" element={<Recycling />} />
      <Route path="appareils/:id" element={<DeviceDetail />} />
      <Route path="programmes" element={<Programmes />} />
      <Route path="programmes/nouveau" element={<ProgrammeForm />} />
      <Route path="programmes/:id" element={<ProgrammeDetail />} />
      <Route path="programmes/:id/modifier" element={<ProgrammeForm />} />
      <Route path="programmes/:id/rapport" element={<ProgrammeReport />} />
      <Route path="programmes/:id/budget" element={<ProgrammeBudget />} />
      <Route path="beneficiaires" element={<Beneficiaries />} />
      <Route path="beneficiaires/nouveau" element={<BeneficiaryForm />} />
      <Route path="beneficiaires/:id" element={<BeneficiaryDetail />} />
      <Route path="beneficiaires/:id/modifier" element={<BeneficiaryForm />} />
      <Route path="prets" element={<Loans />} />
      <Route path="maintenance" element={<Tickets />} />
      <Route path="aides-internet" element={<InternetAidTotals />} />
      <Route path="rapports" element={<ReportsHome />} />
      <Route path="rapports/financeurs/:id" element={<FunderReport />} />
      <Route path="rapports/donateurs/:id" element={<DonorSummary />} />
      <Route path="reseau" element={<NetworkDashboard />} />
      <Route path="ateliers" element={<Workshops />} />
      <Route path="ateliers/nouveau" element={<WorkshopForm />} />
      <Route path="ateliers/grille" element={<CompetenceGrid />} />
      <Route path="ateliers/cheques" element={<Cheques />} />
      <Route path="ateliers/seances/:id/presences" element={<CheckIn />} />
      <Route path="ateliers/:id" element={<WorkshopDetail />} />
      <Route path="ateliers/:id/modifier" element={<WorkshopForm />} />
      <Route path="activites" element={<Activities />} />
      <Route path="portail" element={<PortalHome />} />
      <Route path="portail/commandes/:id" element={<PortalOrder />} />
      <Route path="programmes/:id/associations" element={<ProgrammeAssociations />} />
      <Route path="programmes/:id/besoins" element={<CensusStaff />} />
      <Route path="equipe" element={<Workforce />} />
      <Route path="equipe/rapport" element={<WorkforceReport />} />
      <Route path="equipe/reglages" element={<WorkforceSettings />} />
      <Route path="equipe/:userId" element={<WorkforcePerson />} />
      <Route path="suivis" element={<FollowUps />} />
      <Route path="suivis/:id/repondre" element={<FollowUpAnswer />} />
    </Route>
    <Route path="*" element={<NotFound />} />
  </Route>
);

/**
 * Starts loading the page the browser opened (its code and texts) while the entry chunk checks the
 * session, instead of after: one round trip less on a slow connection (bench/frontend.ts). Settles
 * when that page is loaded (or could not be).
 */
function startLoadingPage(pathname: string): Promise<void> {
  const loading: Promise<unknown>[] = [];
  for (const match of matchRoutes(createRoutesFromElements(routes), pathname) ?? []) {
    const element = match.route.element;
    const load = isValidElement(element) ? loaders.get(element.type as object) : undefined;
    if (load) loading.push(load());
  }
  return Promise.allSettled(loading).then(() => undefined);
}

/** The first page's code and texts, loading from start-up. */
export const firstPageLoaded: Promise<void> =
  typeof window === 'undefined' ? Promise.resolve() : startLoadingPage(window.location.pathname);

export function App() {
  return (
    <BrowserRouter>
      <SessionProvider>
        <AnnouncerProvider>
          <Routes>{routes}</Routes>
        </AnnouncerProvider>
      </SessionProvider>
    </BrowserRouter>
  );
}
