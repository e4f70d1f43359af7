import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
// antd's styles come ready-made from its own stylesheet instead of being computed in the browser on every first load
// (zeroRuntime below): that computation was a third of 工作台's first-load script time.
import 'antd/dist/antd.css';
import App from './App';
import './app.css';
import { prefetch, workListUrls } from './worklist/prefetch';

dayjs.locale('zh-cn');

// Picks up what index.html asked for early (and asks for the list the address names), so that answers already come
// are read before the first render.
prefetch(['/api/auth/me', ...(window.location.pathname === '/' ? workListUrls(window.location.search) : [])]);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ConfigProvider locale={zhCN} button={{ autoInsertSpace: false }} theme={{ zeroRuntime: true, hashed: false }}>
      <App />
    </ConfigProvider>
  </StrictMode>,
);
