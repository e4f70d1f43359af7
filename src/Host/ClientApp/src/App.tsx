import { lazy, Suspense } from 'react';
import { App as AntApp, Skeleton } from 'antd';
import { BrowserRouter, Route, Routes } from 'react-router';
import { AuthProvider } from './auth';
import AppLayout from './pages/AppLayout';
import BatchDashboard from './pages/BatchDashboard';
import { BatchApply, BatchList } from './pages/Batches';
import CaseDetail from './pages/CaseDetail';
import Login from './pages/Login';
import NotFound from './pages/NotFound';
import Notices from './pages/Notices';
import { ProcessList, StartForm } from './pages/StartCase';
import Workbench from './pages/Workbench';

// 系统管理 is for administrators only: its code loads when opened, not with the work list.
const Administration = lazy(() => import('./pages/admin/Administration'));

export default function App() {
  return (
    <AntApp>
      <AuthProvider>
        <BrowserRouter>
          <Routes>
            <Route path="/login" element={<Login />} />
            <Route element={<AppLayout />}>
              <Route index element={<Workbench />} />
              <Route path="start" element={<ProcessList />} />
              <Route path="start/:definitionId" element={<StartForm />} />
              <Route path="cases/:caseId" element={<CaseDetail />} />
              <Route path="batches" element={<BatchList />} />
              <Route path="batches/:batchId/apply" element={<BatchApply />} />
              <Route path="batches/:batchId/dashboard" element={<BatchDashboard />} />
              <Route path="admin/:tab?" element={<Suspense fallback={<Skeleton active />}><Administration /></Suspense>} />
              <Route path="notices" element={<Notices />} />
              <Route path="*" element={<NotFound />} />
            </Route>
          </Routes>
        </BrowserRouter>
      </AuthProvider>
    </AntApp>
  );
}
