import { lazy, Suspense } from 'react';
import { App as AntApp, Spin } from 'antd';
import { BrowserRouter, Route, Routes } from 'react-router';
import { AuthProvider } from './auth';
import AppLayout from './pages/AppLayout';
import Workbench from './pages/Workbench';

// 工作台 is what nearly everyone opens first, so it comes with the first script; every other page loads when opened
// (AppLayout shows a skeleton meanwhile), keeping the first load of the work list small. The sign-in page too: a
// signed-in person never sees it, and its form code is a tenth of the first script.
const Login = lazy(() => import('./pages/Login'));
const NotFound = lazy(() => import('./pages/NotFound'));
const ProcessList = lazy(() => import('./pages/StartCase').then((m) => ({ default: m.ProcessList })));
const StartForm = lazy(() => import('./pages/StartCase').then((m) => ({ default: m.StartForm })));
const CaseDetail = lazy(() => import('./pages/CaseDetail'));
const BatchList = lazy(() => import('./pages/Batches').then((m) => ({ default: m.BatchList })));
const BatchApply = lazy(() => import('./pages/Batches').then((m) => ({ default: m.BatchApply })));
const BatchDashboard = lazy(() => import('./pages/BatchDashboard'));
const Notices = lazy(() => import('./pages/Notices'));
const Notifications = lazy(() => import('./pages/Notifications'));
const Administration = lazy(() => import('./pages/admin/Administration'));
const Designer = lazy(() => import('./designer/DesignerPage'));

export default function App() {
  return (
    <AntApp>
      <AuthProvider>
        <BrowserRouter>
          <Routes>
            <Route
              path="/login"
              element={
                <Suspense fallback={<div className="login-page"><Spin /></div>}>
                  <Login />
                </Suspense>
              }
            />
            <Route element={<AppLayout />}>
              <Route index element={<Workbench />} />
              <Route path="start" element={<ProcessList />} />
              <Route path="start/:definitionId" element={<StartForm />} />
              <Route path="cases/:caseId" element={<CaseDetail />} />
              <Route path="batches" element={<BatchList />} />
              <Route path="batches/:batchId/apply" element={<BatchApply />} />
              <Route path="batches/:batchId/dashboard" element={<BatchDashboard />} />
              <Route path="notices" element={<Notices />} />
              <Route path="notifications" element={<Notifications />} />
              <Route path="admin/:tab?" element={<Administration />} />
              <Route path="admin/processes/:definitionId/design" element={<Designer />} />
              <Route path="*" element={<NotFound />} />
            </Route>
          </Routes>
        </BrowserRouter>
      </AuthProvider>
    </AntApp>
  );
}
