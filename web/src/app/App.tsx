// The console's frame: resume the session from the cookie, then either the sign-in page or
// the signed-in screens with their menus.
import { type ReactNode, useEffect, useState, useSyncExternalStore } from "react";
import { Provider } from "urql";
import { BrowserRouter, Navigate, Route, Routes } from "react-router-dom";
import { createClient } from "../api/client";
import { resume, signedIn, subscribe } from "../api/session";
import { LoginPage } from "../pages/Login";
import { Layout } from "./Layout";
import { MeProvider, useMe, homePath } from "./me";
import { DeskPage } from "../pages/desk/Desk";
import { DossierPage } from "../pages/dossier/DossierPage";
import { NewDossierPage } from "../pages/dossier/NewDossier";
import { SearchPage } from "../pages/desk/Search";
import { CalendarPage } from "../pages/settings/Calendar";
import { AccountPage } from "../pages/settings/Account";
import { ProcessSetupPage } from "../pages/settings/ProcessSetup";
import { OfficersPage } from "../pages/admin/Officers";
import { UnitsPage } from "../pages/admin/Units";
import { ConfigVersionsPage } from "../pages/admin/ConfigVersions";
import { ProvincesPage } from "../pages/ministry/Provinces";
import { BackgroundPage } from "../pages/ministry/Background";
import { NotFound } from "./NotFound";
import { PublicResultPage } from "../pages/public/PublicResult";

export function App() {
  const [resumed, setResumed] = useState(false);
  const isSignedIn = useSyncExternalStore(subscribe, signedIn);
  useEffect(() => {
    void resume().finally(() => setResumed(true));
  }, []);
  if (!resumed) return <p className="loading">Đang tải…</p>;
  return (
    <BrowserRouter>
      <Routes>
        {/* The citizens' page: no account, no session. */}
        <Route path="ket-qua" element={<PublicResultPage />} />
        <Route
          path="*"
          element={
            /* A new client (and cache) per session: nothing one officer saw is shown to the next. */
            <ClientScope key={isSignedIn ? "in" : "out"}>{isSignedIn ? <SignedIn /> : <LoginPage />}</ClientScope>
          }
        />
      </Routes>
    </BrowserRouter>
  );
}

function ClientScope({ children }: { children: ReactNode }) {
  const [client] = useState(createClient);
  return <Provider value={client}>{children}</Provider>;
}

function SignedIn() {
  return (
    <MeProvider>
      <Routes>
        <Route element={<Layout />}>
          <Route index element={<Home />} />
          <Route path="ho-so" element={<DeskPage />} />
          <Route path="ho-so/moi" element={<NewDossierPage />} />
          <Route path="ho-so/:id" element={<DossierPage />} />
          <Route path="tra-cuu" element={<SearchPage />} />
          <Route path="thiet-lap/quy-trinh" element={<ProcessSetupPage />} />
          <Route path="thiet-lap/lich" element={<CalendarPage />} />
          <Route path="tai-khoan" element={<AccountPage />} />
          <Route path="quan-tri/can-bo" element={<OfficersPage />} />
          <Route path="quan-tri/don-vi" element={<UnitsPage />} />
          <Route path="quan-tri/cau-hinh" element={<ConfigVersionsPage />} />
          <Route path="bo/tinh" element={<ProvincesPage />} />
          <Route path="bo/cong-viec-nen" element={<BackgroundPage />} />
          <Route path="*" element={<NotFound />} />
        </Route>
      </Routes>
    </MeProvider>
  );
}

function Home() {
  const me = useMe();
  return <Navigate to={homePath(me)} replace />;
}
