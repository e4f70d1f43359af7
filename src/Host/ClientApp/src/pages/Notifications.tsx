// 通知: the caller's in-app messages, newest first; unread ones in bold. Opening one marks it read and, when it is
// about a case, goes to that case.
import { useCallback, useEffect, useState } from 'react';
import { App, Badge, Button, Card, Empty, List, Typography } from 'antd';
import dayjs from 'dayjs';
import { useNavigate } from 'react-router';
import { api } from '../api';
import { announceNotificationsRead } from '../notifications';
import type { NotificationRow, Page } from '../types';

const pageSize = 20;

export default function Notifications() {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [pageNumber, setPageNumber] = useState(1);
  const [page, setPage] = useState<Page<NotificationRow> | null>(null);
  const [unread, setUnread] = useState(0);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [marking, setMarking] = useState(false);

  const load = useCallback(async () => {
    setLoading(true);
    setError(null);
    try {
      const [rows, count] = await Promise.all([
        api.get<Page<NotificationRow>>(`/api/notifications?page=${pageNumber}&pageSize=${pageSize}`),
        api.get<{ count: number }>('/api/notifications/unread-count'),
      ]);
      setPage(rows);
      setUnread(count.count);
    } catch (e) {
      setError(e instanceof Error ? e.message : '加载失败');
    } finally {
      setLoading(false);
    }
  }, [pageNumber]);

  useEffect(() => {
    void load();
  }, [load]);

  const open = async (row: NotificationRow) => {
    try {
      if (row.readAt === null) {
        await api.post(`/api/notifications/${row.id}/read`);
        const readAt = new Date().toISOString();
        setPage((p) => p && { ...p, items: p.items.map((n) => (n.id === row.id ? { ...n, readAt } : n)) });
        setUnread((u) => Math.max(0, u - 1));
        announceNotificationsRead();
      }
      if (row.caseId) navigate(`/cases/${row.caseId}`);
    } catch (e) {
      message.error(e instanceof Error ? e.message : '操作失败');
    }
  };

  const readAll = async () => {
    setMarking(true);
    try {
      const { marked } = await api.post<{ marked: number }>('/api/notifications/read-all');
      message.success(marked > 0 ? `已将 ${marked} 条通知标为已读` : '没有未读通知');
      announceNotificationsRead();
      await load();
    } catch (e) {
      message.error(e instanceof Error ? e.message : '操作失败');
    } finally {
      setMarking(false);
    }
  };

  return (
    <div className="page">
      <Typography.Title level={4}>通知</Typography.Title>
      <Card
        title={unread > 0 ? `${unread} 条未读` : '全部已读'}
        extra={
          <Button onClick={readAll} loading={marking} disabled={unread === 0}>
            全部已读
          </Button>
        }
      >
        {error && <Typography.Paragraph type="danger">{error}</Typography.Paragraph>}
        <List<NotificationRow>
          loading={loading}
          dataSource={page?.items ?? []}
          locale={{ emptyText: <Empty description="暂无通知" /> }}
          pagination={
            (page?.total ?? 0) > pageSize && {
              current: pageNumber,
              pageSize,
              total: page?.total ?? 0,
              showSizeChanger: false,
              showTotal: (total) => `共 ${total} 条`,
              onChange: setPageNumber,
            }
          }
          renderItem={(row) => (
            <List.Item
              className={row.readAt === null ? 'notification unread' : 'notification'}
              onClick={() => void open(row)}
              onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && void open(row)}
              role="button"
              tabIndex={0}
              data-testid="notification"
            >
              <List.Item.Meta
                title={
                  <Badge dot={row.readAt === null} offset={[6, 0]}>
                    <Typography.Text strong={row.readAt === null}>{row.title}</Typography.Text>
                  </Badge>
                }
                description={
                  <>
                    <Typography.Paragraph type="secondary" className="notification-body">{row.body}</Typography.Paragraph>
                    <Typography.Text type="secondary">
                      {dayjs(row.createdAt).format('YYYY-MM-DD HH:mm')}
                      {row.caseId ? ' · 点击查看案件' : ''}
                    </Typography.Text>
                  </>
                }
              />
            </List.Item>
          )}
        />
      </Card>
    </div>
  );
}
