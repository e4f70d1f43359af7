// 工作台: the five work lists with their counts, filters (process, arrival dates, title) and column order kept in the
// address, paging, and batch approval of 待办. It is the page nearly everyone opens first, so what it draws first is
// kept light: headings and texts are plain elements with antd's classes (antd's Typography brings its editing and
// copying code along), and the date picker loads just after the first rows.
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { App, Badge, Button, Empty, Flex, Input, Select, Table, Tabs, Tag } from 'antd';
import type { ColumnsType, TableProps } from 'antd/es/table';
import type { SortOrder } from 'antd/es/table/interface';
import dayjs from 'dayjs';
import { Link, useSearchParams } from 'react-router';
import { api } from '../api';
import { peek, take } from '../worklist/prefetch';
import type { DefinitionSummary, Page, TaskRow } from '../types';
import {
  canBatchApprove, deadline, fromSearchParams, isFiltered, isListName, lists, pageSizes, queryString, reduce, sortableFields, toSearchParams,
} from '../worklist/state';
import type { SortField, WorkListAction } from '../worklist/state';

interface BatchResult {
  succeeded: number;
  failed: number;
  results: { taskId: string; status: number; message: string | null }[];
}

const DateRangeFilter = lazy(() => import('../worklist/DateRangeFilter'));

const time = (value: string | null) => (value ? dayjs(value).format('YYYY-MM-DD HH:mm') : '—');

export default function Workbench() {
  const { message, modal } = App.useApp();
  // The address holds the list, filters, order and page, so a reload or a shared link shows the same rows; only the
  // selection lives here.
  const [params, setParams] = useSearchParams();
  const [selected, setSelected] = useState<string[]>([]);
  const state = useMemo(() => ({ ...fromSearchParams(params), selected }), [params, selected]);
  const dispatch = useCallback(
    (action: WorkListAction) => {
      const next = reduce(state, action);
      if (next.selected !== state.selected) setSelected(next.selected);
      const search = toSearchParams(next);
      if (search.toString() !== params.toString()) setParams(search, { replace: true });
    },
    [state, params, setParams],
  );
  const query = queryString(state);
  const [definitions, setDefinitions] = useState<DefinitionSummary[] | null>(null);
  const [searchText, setSearchText] = useState(state.q);
  // The rows and counts index.html asked for early, if they have already come: the first render shows them.
  const [arrived] = useState(() => peek<[Page<TaskRow>, Record<string, number>]>(`/api/tasks?${query}`, '/api/tasks/counts'));
  const [page, setPage] = useState<Page<TaskRow> | null>(arrived?.[0] ?? null);
  const [counts, setCounts] = useState<Record<string, number>>(arrived?.[1] ?? {});
  const [loading, setLoading] = useState(arrived === undefined);
  const shown = useRef(arrived !== undefined);
  const [error, setError] = useState<string | null>(null);
  const [approving, setApproving] = useState(false);

  const load = useCallback(async () => {
    setLoading(true);
    setError(null);
    try {
      const [rows, c] = await Promise.all([
        take<Page<TaskRow>>(`/api/tasks?${query}`),
        take<Record<string, number>>('/api/tasks/counts'),
      ]);
      setPage(rows);
      setCounts(c);
    } catch (e) {
      setError(e instanceof Error ? e.message : '加载失败');
    } finally {
      setLoading(false);
    }
  }, [query]);

  useEffect(() => {
    if (shown.current) {
      shown.current = false;
      return;
    }
    void load();
  }, [load]);

  // Another list reached by the address (the menu's 工作台, the browser's back button) starts with nothing selected.
  useEffect(() => setSelected([]), [state.list]);

  useEffect(() => setSearchText(state.q), [state.q]);

  // The processes are asked for only when the 流程 list opens or the address names one: on the first load the
  // server's time goes to the rows.
  const [definitionsWanted, setDefinitionsWanted] = useState(state.definitionId !== '');
  useEffect(() => {
    if (!definitionsWanted) return;
    api.get<DefinitionSummary[]>('/api/definitions').then(
      (all) => setDefinitions(all.filter((d) => d.latestVersion !== null)),
      () => setDefinitions([]),
    );
  }, [definitionsWanted]);

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

  const sortable = sortableFields(state.list);
  const timeField: SortField = state.list === 'done' ? 'completedAt' : 'createdAt';
  const order = (field: SortField): SortOrder => (state.sort === field ? (state.desc ? 'descend' : 'ascend') : null);
  const sorting = (field: SortField, directions: SortOrder[]) =>
    sortable.includes(field) ? { sorter: true, sortOrder: order(field), sortDirections: directions } : {};
  const onTableChange: TableProps<TaskRow>['onChange'] = (_pagination, _filters, sorter, extra) => {
    if (extra.action !== 'sort') return;
    const column = Array.isArray(sorter) ? sorter[0] : sorter;
    const field = column?.columnKey === 'deadline' ? 'dueAt' : timeField;
    dispatch({ type: 'sort', sort: column?.order ? field : null, desc: column?.order === 'descend' });
  };

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
          ...sorting('dueAt', ['ascend', 'descend']),
          render: (_: unknown, row) => {
            const d = deadline(row);
            return d.overdue ? <span className="ant-typography ant-typography-danger overdue"><strong>{d.text}</strong></span> : <span className="ant-typography">{d.text}</span>;
          },
        },
    {
      title: state.list === 'done' ? '办理时间' : '到达时间',
      key: 'time',
      width: 150,
      responsive: ['lg'],
      ...sorting(timeField, ['descend', 'ascend']),
      render: (_: unknown, row) => time(state.list === 'done' ? row.completedAt : row.createdAt),
    },
  ];

  return (
    <div className="page">
      <h4 className="ant-typography">工作台</h4>
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
      <Flex className="toolbar worklist-filters" wrap gap="small" align="center" role="search" aria-label="筛选">
        <Input.Search
          className="filter-title"
          placeholder="按事项名称搜索"
          aria-label="事项名称"
          allowClear
          value={searchText}
          onChange={(e) => setSearchText(e.target.value)}
          onSearch={(q) => dispatch({ type: 'search', q })}
        />
        <Select
          className="filter-definition"
          aria-label="流程"
          placeholder="全部流程"
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          loading={definitionsWanted && definitions === null}
          onOpenChange={(open) => open && setDefinitionsWanted(true)}
          value={state.definitionId || undefined}
          onChange={(id: string | undefined) => dispatch({ type: 'definition', definitionId: id ?? '' })}
          options={(definitions ?? []).map((d) => ({ value: d.id, label: d.name }))}
          notFoundContent={definitions === null ? '正在加载…' : '没有匹配的流程'}
        />
        <Suspense fallback={<Input className="filter-dates" aria-hidden placeholder="到达日期" disabled />}>
          <DateRangeFilter from={state.from} to={state.to} onChange={(from, to) => dispatch({ type: 'dates', from, to })} />
        </Suspense>
        <Button disabled={!isFiltered(state)} onClick={() => dispatch({ type: 'reset' })}>
          重置
        </Button>
        {state.list === 'todo' && (
          <Button type="primary" disabled={state.selected.length === 0} loading={approving} onClick={batchApprove}>
            批量同意{state.selected.length > 0 ? `（${state.selected.length}）` : ''}
          </Button>
        )}
      </Flex>
      {error && <div className="ant-typography ant-typography-danger">{error}</div>}
      <Table<TaskRow>
        rowKey={(row) => row.taskId ?? row.caseId}
        loading={loading}
        columns={columns}
        dataSource={page?.items ?? []}
        scroll={{ x: 'max-content' }}
        onChange={onTableChange}
        rowSelection={
          state.list === 'todo'
            ? {
                selectedRowKeys: state.selected,
                onChange: (keys) => dispatch({ type: 'select', taskIds: keys.map(String) }),
                getCheckboxProps: (row) => ({ disabled: !canBatchApprove(state, row) }),
              }
            : undefined
        }
        locale={{
          emptyText: <Empty description={isFiltered(state) ? '没有符合筛选条件的事项' : `暂无${lists.find((l) => l.key === state.list)?.label}事项`} />,
        }}
        pagination={{
          current: state.page,
          pageSize: state.pageSize,
          total: page?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: pageSizes,
          showTotal: (total) => `共 ${total} 项`,
          onChange: (p, size) => dispatch({ type: 'page', page: p, pageSize: size }),
        }}
      />
    </div>
  );
}
