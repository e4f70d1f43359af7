import { Suspense, useCallback, useEffect, useState } from 'react';
import { Badge, Button, Layout, Menu, Skeleton, Space } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { Link, Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { isAdministrator } from '../admin/access';
import { api } from '../api';
import { useAuth } from '../auth';
import { onNotificationsRead } from '../notifications';

export default function AppLayout() {
  const { me, loading, signOut } = useAuth();
  const location = useLocation();
  const navigate = useNavigate();
  const [unread, setUnread] = useState(0);

  const refreshUnread = useCallback(() => {
    if (!me) return;
    api.get<{ count: number }>('/api/notifications/unread-count').then((r) => setUnread(r.count), () => setUnread(0));
  }, [me]);

  useEffect(refreshUnread, [refreshUnread, location.pathname]);
  useEffect(() => onNotificationsRead(refreshUnread), [refreshUnread]);

  if (loading) return null;
  if (!me) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;

  const selected = ['/start', '/batches', '/notices', '/notifications', '/admin'].find((path) => location.pathname.startsWith(path)) ?? '/';
  return (
    <Layout className="app-layout">
      <Layout.Header className="app-header">
        <Link to="/" className="app-title">技工院校审批系统</Link>
        <Menu
          theme="dark"
          mode="horizontal"
          selectedKeys={[selected]}
          className="app-menu"
          items={[
            { key: '/', label: <Link to="/">工作台</Link> },
            { key: '/start', label: <Link to="/start">发起申请</Link> },
            { key: '/batches', label: <Link to="/batches">申报批次</Link> },
            { key: '/notices', label: <Link to="/notices">公示公告</Link> },
            ...(isAdministrator(me) ? [{ key: '/admin', label: <Link to="/admin">系统管理</Link> }] : []),
          ]}
        />
        <Space className="app-user" size="middle">
          <Link to="/notifications" aria-label="通知">
            <Badge count={unread} size="small" title={`${unread} 条未读通知`}>
              <BellOutlined className="app-bell" />
            </Badge>
          </Link>
          {/* antd's class on a plain element: Typography's editing and copying code stays out of the first load. */}
          <span className="ant-typography app-user-name" data-testid="current-user">
            {me.displayName}
            {me.org ? ` · ${me.org.name}` : ''}
          </span>
          <Button
            size="small"
            onClick={async () => {
              await signOut();
              navigate('/login');
            }}
          >
            退出登录
          </Button>
        </Space>
      </Layout.Header>
      <Layout.Content className="app-content">
        <Suspense fallback={<Skeleton active className="page" />}>
          <Outlet />
        </Suspense>
      </Layout.Content>
    </Layout>
  );
}
