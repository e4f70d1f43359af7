// 工作台: the five work lists with their counts, paging, a title search and batch approval of 待办.
import { useCallback, useEffect, useReducer, useState } from 'react';
import { App, Badge, Button, Empty, Input, Space, Table, Tabs, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { Link, useSearchParams } from 'react-router';
import { api } from '../api';
import type { Page, TaskRow } from '../types';
import { canBatchApprove, deadline, initialState, isListName, lists, queryString, reduce } from '../worklist/state';

interface BatchResult {
  succeeded: number;
  failed: number;
  results: { taskId: string; status: number; message: string | null }[];
}

const time = (value: string | null) => (value ? dayjs(value).format('YYYY-MM-DD HH:mm') : '—');

export default function Workbench() {
  const { message, modal } = App.useApp();
  const [params, setParams] = useSearchParams();
  const requested = params.get('list');
  const [state, dispatch] = useReducer(reduce, { ...initialState, list: isListName(requested) ? requested : 'todo' });
  const [page, setPage] = useState<Page<TaskRow> | null>(null);
  const [counts, setCounts] = useState<Record<string, number>>({});
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [approving, setApproving] = useState(false);

  const load = useCallback(async () => {
    setLoading(true);
    setError(null);
    try {
      const [rows, c] = await Promise.all([
        api.get<Page<TaskRow>>(`/api/tasks?${queryString(state)}`),
        api.get<Record<string, number>>('/api/tasks/counts'),
      ]);
      setPage(rows);
      setCounts(c);
    } catch (e) {
      setError(e instanceof Error ? e.message : '加载失败');
    } finally {
      setLoading(false);
    }
  }, [state.list, state.page, state.pageSize, state.q]);

  useEffect(() => {
    void load();
  }, [load]);

  useEffect(() => {
    if (params.get('list') !== state.list) setParams({ list: state.list }, { replace: true });
  }, [state.list, params, setParams]);

  const batchApprove = () =>
    modal.confirm({
      title: `批量同意 ${state.selected.length} 项待办？`,
      content: '同意后将进入下一环节，无法撤销。',
      okText: '同意',
      cancelText: '取消',
      onOk: async () => {
        setApproving(true);
        try {
          const result = await api.post<BatchResult>('/api/tasks/batch-approve', { taskIds: state.selected });
          const done = result.results.filter((r) => r.status < 400).map((r) => r.taskId);
          dispatch({ type: 'approved', taskIds: done });
          if (result.failed === 0) {
            message.success(`已同意 ${result.succeeded} 项`);
          } else {
            const reasons = result.results.filter((r) => r.status >= 400).map((r) => r.message).filter(Boolean);
            message.warning(`已同意 ${result.succeeded} 项，${result.failed} 项未能同意：${reasons.join('；')}`);
          }
          await load();
        } catch (e) {
          message.error(e instanceof Error ? e.message : '批量同意失败');
        } finally {
          setApproving(false);
        }
      },
    });

  const columns: ColumnsType<TaskRow> = [
    {
      title: '事项',
      dataIndex: 'caseTitle',
      render: (title: string, row) => <Link to={`/cases/${row.caseId}`}>{title}</Link>,
    },
    { title: '当前环节', dataIndex: 'title', render: (v: string | null, row) => v ?? row.caseStatusName },
    { title: '申请单位', dataIndex: 'initiatorOrgName', responsive: ['md'], render: (v: string | null) => v ?? '—' },
    { title: '状态', dataIndex: 'caseStatusName', width: 100, render: (v: string) => <Tag>{v}</Tag> },
    state.list === 'done'
      ? { title: '办理结果', dataIndex: 'outcomeName', width: 110, render: (v: string | null) => v ?? '—' }
      : {
          title: '期限',
          key: 'deadline',
          width: 130,
          render: (_: unknown, row) => {
            const d = deadline(row);
            return <Typography.Text type={d.overdue ? 'danger' : undefined} strong={d.overdue} className={d.overdue ? 'overdue' : undefined}>{d.text}</Typography.Text>;
          },
        },
    {
      title: state.list === 'done' ? '办理时间' : '到达时间',
      key: 'time',
      width: 150,
      responsive: ['lg'],
      render: (_: unknown, row) => time(state.list === 'done' ? row.completedAt : row.createdAt),
    },
  ];

  return (
    <div className="page">
      <Typography.Title level={4}>工作台</Typography.Title>
      <Tabs
        activeKey={state.list}
        onChange={(key) => isListName(key) && dispatch({ type: 'list', list: key })}
        items={lists.map((l) => ({
          key: l.key,
          label: (
            <span>
              {l.label} <Badge count={counts[l.key] ?? 0} showZero color={l.key === 'overdue' && counts[l.key] ? 'red' : '#bfbfbf'} size="small" />
            </span>
          ),
        }))}
      />
      <Space className="toolbar" wrap>
        <Input.Search placeholder="按事项名称搜索" allowClear onSearch={(q) => dispatch({ type: 'search', q })} style={{ width: 260 }} />
        {state.list === 'todo' && (
          <Button type="primary" disabled={state.selected.length === 0} loading={approving} onClick={batchApprove}>
            批量同意{state.selected.length > 0 ? `（${state.selected.length}）` : ''}
          </Button>
        )}
      </Space>
      {error && <Typography.Paragraph type="danger">{error}</Typography.Paragraph>}
      <Table<TaskRow>
        rowKey={(row) => row.taskId ?? row.caseId}
        loading={loading}
        columns={columns}
        dataSource={page?.items ?? []}
        scroll={{ x: 'max-content' }}
        rowSelection={
          state.list === 'todo'
            ? {
                selectedRowKeys: state.selected,
                onChange: (keys) => dispatch({ type: 'select', taskIds: keys.map(String) }),
                getCheckboxProps: (row) => ({ disabled: !canBatchApprove(state, row) }),
              }
            : undefined
        }
        locale={{ emptyText: <Empty description={`暂无${lists.find((l) => l.key === state.list)?.label}事项`} /> }}
        pagination={{
          current: state.page,
          pageSize: state.pageSize,
          total: page?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => `共 ${total} 项`,
          onChange: (p, size) => dispatch({ type: 'page', page: p, pageSize: size }),
        }}
      />
    </div>
  );
}
