/** The routes. Every page is its own chunk, loaded when first visited. */
import { lazy } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { Layout, RequireAuth } from './components/Layout.tsx';
import { AnnouncerProvider } from './components/ui.tsx';
import { SessionProvider } from './session.tsx';

const Login = lazy(() => import('./pages/Login.tsx'));
const Invitation = lazy(() => import('./pages/Invitation.tsx'));
const Home = lazy(() => import('./pages/Home.tsx'));
const Organisations = lazy(() => import('./pages/Organisations.tsx'));
const OrganisationForm = lazy(() => import('./pages/OrganisationForm.tsx'));
const OrganisationDetail = lazy(() => import('./pages/OrganisationDetail.tsx'));
const Audit = lazy(() => import('./pages/Audit.tsx'));
const Account = lazy(() => import('./pages/Account.tsx'));
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
              <Route element={<RequireAuth />}>
                <Route index element={<Home />} />
                <Route path="organisations" element={<Organisations />} />
                <Route path="organisations/nouvelle" element={<OrganisationForm />} />
                <Route path="organisations/:id" element={<OrganisationDetail />} />
                <Route path="organisations/:id/modifier" element={<OrganisationForm />} />
                <Route path="journal" element={<Audit />} />
                <Route path="compte" element={<Account />} />
              </Route>
              <Route path="*" element={<NotFound />} />
            </Route>
          </Routes>
        </AnnouncerProvider>
      </SessionProvider>
    </BrowserRouter>
  );
}
