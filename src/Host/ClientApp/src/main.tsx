import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import App from './App';
import './app.css';
import { prefetch, workListUrls } from './worklist/prefetch';

dayjs.locale('zh-cn');

if (window.location.pathname === '/') prefetch(workListUrls(window.location.search));

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ConfigProvider locale={zhCN} button={{ autoInsertSpace: false }}>
      <App />
    </ConfigProvider>
  </StrictMode>,
);
