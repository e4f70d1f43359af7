import { App as AntApp } from 'antd';
import { BrowserRouter, Route, Routes } from 'react-router';
import { AuthProvider } from './auth';
import AppLayout from './pages/AppLayout';
import CaseDetail from './pages/CaseDetail';
import Login from './pages/Login';
import NotFound from './pages/NotFound';
import Notifications from './pages/Notifications';
import { ProcessList, StartForm } from './pages/StartCase';
import Workbench from './pages/Workbench';

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
              <Route path="notifications" element={<Notifications />} />
              <Route path="*" element={<NotFound />} />
            </Route>
          </Routes>
        </BrowserRouter>
      </AuthProvider>
    </AntApp>
  );
}
