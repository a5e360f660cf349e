/**
 * The routes. Every page is its own chunk, loaded when first visited — except the login page, where
 * every visit starts: it ships in the entry chunk (1.6 KB gzip), saving a round trip on slow connections
 * (bench/frontend.ts).
 */
import { lazy } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { Layout, RequireAuth } from './components/Layout.tsx';
import { AnnouncerProvider } from './components/ui.tsx';
import {
  loadDistributionTexts,
  loadFollowUpTexts,
  loadInventoryTexts,
  loadPeopleTexts,
  loadPortalTexts,
  loadReportsTexts,
  loadTrainingTexts,
} from './i18n/index.ts';
import Login from './pages/Login.tsx';
import { SessionProvider } from './session.tsx';

const Invitation = lazy(() => import('./pages/Invitation.tsx'));
const Home = lazy(() => import('./pages/Home.tsx'));
const Organisations = lazy(() => import('./pages/Organisations.tsx'));
const OrganisationForm = lazy(() => import('./pages/OrganisationForm.tsx'));
const OrganisationDetail = lazy(() => import('./pages/OrganisationDetail.tsx'));
const Audit = lazy(() => import('./pages/Audit.tsx'));
const Outbox = lazy(() => import('./pages/Outbox.tsx'));
const Account = lazy(() => import('./pages/Account.tsx'));
const Accounts = lazy(() => import('./pages/Accounts.tsx'));
/** An inventory page: its code and its texts load together. */
function inventoryPage<T>(page: () => Promise<T>): () => Promise<T> {
  return () => Promise.all([page(), loadInventoryTexts()]).then(([module]) => module);
}

const Donations = lazy(inventoryPage(() => import('./pages/Donations.tsx')));
const DonationForm = lazy(inventoryPage(() => import('./pages/DonationForm.tsx')));
const DonationDetail = lazy(
  inventoryPage(() =>
    Promise.all([import('./pages/DonationDetail.tsx'), loadReportsTexts()]).then(([m]) => m),
  ),
);
const Intake = lazy(inventoryPage(() => import('./pages/Intake.tsx')));
const DeviceImport = lazy(inventoryPage(() => import('./pages/DeviceImport.tsx')));
const Stock = lazy(inventoryPage(() => import('./pages/Stock.tsx')));
const Locations = lazy(inventoryPage(() => import('./pages/Locations.tsx')));
const Recycling = lazy(inventoryPage(() => import('./pages/Recycling.tsx')));
const DeviceDetail = lazy(inventoryPage(() => import('./pages/DeviceDetail.tsx')));
/** A programmes or people page: its code and its texts load together. */
function peoplePage<T>(page: () => Promise<T>): () => Promise<T> {
  return () => Promise.all([page(), loadPeopleTexts()]).then(([module]) => module);
}

/** A page with allocations or loans: the people texts and the distribution texts load with it. */
function distributionPage<T>(page: () => Promise<T>): () => Promise<T> {
  return () => Promise.all([page(), loadPeopleTexts(), loadDistributionTexts()]).then(([module]) => module);
}

const Programmes = lazy(peoplePage(() => import('./pages/Programmes.tsx')));
const ProgrammeForm = lazy(peoplePage(() => import('./pages/ProgrammeForm.tsx')));
/** A report page: the people and inventory texts (publics, device types) and the reports' texts. */
function reportPage<T>(page: () => Promise<T>): () => Promise<T> {
  return () =>
    Promise.all([page(), loadPeopleTexts(), loadInventoryTexts(), loadReportsTexts()]).then(
      ([module]) => module,
    );
}

const ProgrammeDetail = lazy(
  distributionPage(() =>
    Promise.all([import('./pages/ProgrammeDetail.tsx'), loadReportsTexts()]).then(([m]) => m),
  ),
);
const Loans = lazy(distributionPage(() => import('./pages/Loans.tsx')));
const Tickets = lazy(distributionPage(() => import('./pages/Tickets.tsx')));
const InternetAidTotals = lazy(distributionPage(() => import('./pages/InternetAidTotals.tsx')));
const ReportProblem = lazy(distributionPage(() => import('./pages/ReportProblem.tsx')));
const ProgrammeReport = lazy(reportPage(() => import('./pages/ProgrammeReport.tsx')));
const ReportsHome = lazy(reportPage(() => import('./pages/ReportsHome.tsx')));
const FunderReport = lazy(reportPage(() => import('./pages/FunderReport.tsx')));
const DonorSummary = lazy(reportPage(() => import('./pages/DonorSummary.tsx')));
const NetworkDashboard = lazy(reportPage(() => import('./pages/NetworkDashboard.tsx')));
const Beneficiaries = lazy(peoplePage(() => import('./pages/Beneficiaries.tsx')));
const BeneficiaryForm = lazy(peoplePage(() => import('./pages/BeneficiaryForm.tsx')));
const BeneficiaryDetail = lazy(
  distributionPage(() =>
    Promise.all([import('./pages/BeneficiaryDetail.tsx'), loadTrainingTexts()]).then(([m]) => m),
  ),
);
/** A training page: the people texts (names, referral statuses) and the training texts load with it. */
function trainingPage<T>(page: () => Promise<T>): () => Promise<T> {
  return () => Promise.all([page(), loadPeopleTexts(), loadTrainingTexts()]).then(([module]) => module);
}

const Workshops = lazy(trainingPage(() => import('./pages/Workshops.tsx')));
const WorkshopForm = lazy(trainingPage(() => import('./pages/WorkshopForm.tsx')));
const WorkshopDetail = lazy(trainingPage(() => import('./pages/WorkshopDetail.tsx')));
const CheckIn = lazy(trainingPage(() => import('./pages/CheckIn.tsx')));
const CompetenceGrid = lazy(trainingPage(() => import('./pages/CompetenceGrid.tsx')));
const Activities = lazy(trainingPage(() => import('./pages/Activities.tsx')));
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
const PortalRegister = lazy(publicPage(() => import('./pages/PortalRegister.tsx'), loadPortalTexts));
const PortalConfirm = lazy(publicPage(() => import('./pages/PortalConfirm.tsx'), loadPortalTexts));
const PortalHome = lazy(portalPage(() => import('./pages/PortalHome.tsx')));
const PortalOrder = lazy(portalPage(() => import('./pages/PortalOrder.tsx')));
const ProgrammeAssociations = lazy(portalPage(() => import('./pages/ProgrammeAssociations.tsx')));
const FollowUpQuestionnaire = lazy(
  publicPage(() => import('./pages/FollowUpQuestionnaire.tsx'), loadFollowUpTexts),
);
const FollowUps = lazy(followUpPage(() => import('./pages/FollowUps.tsx')));
const FollowUpAnswer = lazy(followUpPage(() => import('./pages/FollowUpAnswer.tsx')));
const NotFound = lazy(() => import('./pages/NotFound.tsx'));

export function App() {
  return (
    <BrowserRouter>
      <SessionProvider>
        <AnnouncerProvider>
          <Routes>
            <Route element={<Layout />}>
              <Route path="connexion" element={<Login />} />
              <Route path="invitation/:token" element={<Invitation />} />
              <Route path="signaler/:token" element={<ReportProblem />} />
              <Route path="associations/inscription/:programmeId" element={<PortalRegister />} />
              <Route path="associations/confirmer/:token" element={<PortalConfirm />} />
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
                <Route path="ateliers/seances/:id/presences" element={<CheckIn />} />
                <Route path="ateliers/:id" element={<WorkshopDetail />} />
                <Route path="ateliers/:id/modifier" element={<WorkshopForm />} />
                <Route path="activites" element={<Activities />} />
                <Route path="portail" element={<PortalHome />} />
                <Route path="portail/commandes/:id" element={<PortalOrder />} />
                <Route path="programmes/:id/associations" element={<ProgrammeAssociations />} />
                <Route path="suivis" element={<FollowUps />} />
                <Route path="suivis/:id/repondre" element={<FollowUpAnswer />} />
              </Route>
              <Route path="*" element={<NotFound />} />
            </Route>
          </Routes>
        </AnnouncerProvider>
      </SessionProvider>
    </BrowserRouter>
  );
}
