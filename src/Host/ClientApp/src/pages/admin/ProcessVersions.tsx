// 版本历史: a process's published versions, the unfinished cases each still carries, and two versions compared as
// one marked diagram with the changes listed in Chinese. Opened as a drawer from 流程管理.
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { Alert, Button, Drawer, Empty, Select, Skeleton, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router';
import { api } from '../../api';
import type { Page } from '../../types';
import { beijingTime } from '../../processes/format';
import { changeLines, diffFlow } from '../../processes/versionDiff';
import { vocabularyOf } from '../../processes/vocabulary';
import type { CatalogueEntry, DefinitionCaseRow, PublishedView, VersionComparison, VersionRow } from '../../processes/types';

// xyflow and elkjs are large: loaded when a comparison is first drawn.
const VersionDiffDiagram = lazy(() => import('../../processes/VersionDiffDiagram'));

const casesPageSize = 10;

/** The unfinished cases on one version, a page at a time, each linking to its case page. */
function VersionCases({ definitionId, version }: { definitionId: string; version: number }) {
  const [page, setPage] = useState(1);
  const [data, setData] = useState<Page<DefinitionCaseRow> | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    setError(null);
    api
      .get<Page<DefinitionCaseRow>>(`/api/definitions/${encodeURIComponent(definitionId)}/cases?version=${version}&page=${page}&pageSize=${casesPageSize}`)
      .then(
        (loaded) => live && setData(loaded),
        (e: unknown) => live && setError(e instanceof Error ? e.message : '加载失败'),
      );
    return () => {
      live = false;
    };
  }, [definitionId, version, page]);

  const columns: ColumnsType<DefinitionCaseRow> = [
    { title: '案件', dataIndex: 'title', render: (title: string, row) => <Link to={`/cases/${row.caseId}`}>{title}</Link> },
    { title: '申请单位', dataIndex: 'applicantOrgName', width: 180, render: (v: string | null) => v ?? '—' },
    { title: '发起时间', dataIndex: 'startedAt', width: 150, render: (v: string) => beijingTime(v) },
    { title: '当前环节', dataIndex: 'currentSteps', width: 200, render: (steps: string[]) => (steps.length > 0 ? steps.join('、') : '—') },
    { title: '状态', dataIndex: 'statusName', width: 90, render: (v: string) => <Tag>{v}</Tag> },
  ];

  if (error) return <Alert type="error" showIcon title="在办案件加载失败" description={error} />;
  return (
    <Table<DefinitionCaseRow>
      data-testid={`version-cases-${version}`}
      rowKey="caseId"
      size="small"
      loading={data === null}
      columns={columns}
      dataSource={data?.items ?? []}
      pagination={{ current: page, pageSize: casesPageSize, total: data?.total ?? 0, onChange: setPage, hideOnSinglePage: true, showTotal: (t) => `共 ${t} 件` }}
      locale={{ emptyText: '该版本没有在办案件' }}
    />
  );
}

interface Compared {
  before: PublishedView;
  after: PublishedView;
  comparison: VersionComparison;
}

/** The two versions and their comparison: the diagram above, the list of changes below. */
function VersionComparisonView({ definitionId, from, to, catalogue }: { definitionId: string; from: number; to: number; catalogue: CatalogueEntry[] }) {
  const [compared, setCompared] = useState<Compared | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    setCompared(null);
    setError(null);
    const base = `/api/definitions/${encodeURIComponent(definitionId)}`;
    Promise.all([
      api.get<PublishedView>(`${base}?version=${from}`),
      api.get<PublishedView>(`${base}?version=${to}`),
      api.get<VersionComparison>(`${base}/diff?from=${from}&to=${to}`),
    ]).then(
      ([before, after, comparison]) => live && setCompared({ before, after, comparison }),
      (e: unknown) => live && setError(e instanceof Error ? e.message : '加载失败'),
    );
    return () => {
      live = false;
    };
  }, [definitionId, from, to]);

  const words = useMemo(() => vocabularyOf(catalogue), [catalogue]);
  const flow = useMemo(
    () => (compared ? diffFlow(compared.before.definition, compared.after.definition, compared.comparison.changes, words) : null),
    [compared, words],
  );
  const lines = useMemo(
    () => (compared ? changeLines(compared.before.definition, compared.after.definition, compared.comparison.changes, words) : []),
    [compared, words],
  );

  if (error) return <Alert type="error" showIcon title="版本对比加载失败" description={error} />;
  if (!compared || !flow) return <Skeleton active paragraph={{ rows: 6 }} />;
  return (
    <div>
      <Suspense fallback={<Skeleton active paragraph={{ rows: 6 }} />}>
        <VersionDiffDiagram flow={flow} />
      </Suspense>
      <Typography.Title level={5} style={{ marginTop: 16 }}>第 {from} 版 → 第 {to} 版的变化</Typography.Title>
      {lines.length === 0 ? (
        <Typography.Text type="secondary" data-testid="version-changes">两个版本没有差别。</Typography.Text>
      ) : (
        <ul className="change-list" data-testid="version-changes">
          {lines.map((line) => <li key={line}>{line}</li>)}
        </ul>
      )}
    </div>
  );
}

export default function ProcessVersions({ definitionId, name, onClose }: { definitionId: string; name: string; onClose: () => void }) {
  const [versions, setVersions] = useState<VersionRow[] | null>(null);
  const [catalogue, setCatalogue] = useState<CatalogueEntry[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [from, setFrom] = useState<number | null>(null);
  const [to, setTo] = useState<number | null>(null);
  const [expanded, setExpanded] = useState<number[]>([]);

  useEffect(() => {
    let live = true;
    Promise.all([
      api.get<VersionRow[]>(`/api/definitions/${encodeURIComponent(definitionId)}/versions`),
      api.get<CatalogueEntry[]>('/api/definitions/catalogue'),
    ]).then(
      ([loaded, entries]) => {
        if (!live) return;
        setVersions(loaded);
        setCatalogue(entries);
        // Newest first: the latest against the one before it is what a reviewer looks at first.
        setTo(loaded[0]?.version ?? null);
        setFrom(loaded[1]?.version ?? null);
      },
      (e: unknown) => live && setError(e instanceof Error ? e.message : '加载失败'),
    );
    return () => {
      live = false;
    };
  }, [definitionId]);

  const toggleCases = (version: number) =>
    setExpanded((current) => (current.includes(version) ? current.filter((v) => v !== version) : [...current, version]));

  const columns: ColumnsType<VersionRow> = [
    { title: '版本', dataIndex: 'version', width: 80, render: (v: number) => `第 ${v} 版` },
    { title: '名称', dataIndex: 'name' },
    { title: '发布时间', dataIndex: 'publishedAt', width: 150, render: (v: string) => beijingTime(v) },
    { title: '发布人', dataIndex: 'publishedByName', width: 120, render: (v: string | null) => v ?? '—' },
    {
      title: '在办案件',
      dataIndex: 'runningCases',
      width: 110,
      render: (count: number, row) =>
        count === 0 ? (
          <Typography.Text type="secondary">0</Typography.Text>
        ) : (
          <Button type="link" size="small" onClick={() => toggleCases(row.version)} data-testid={`version-running-${row.version}`}>
            {count} 件{expanded.includes(row.version) ? '（收起）' : ''}
          </Button>
        ),
    },
  ];

  const options = (versions ?? []).map((v) => ({ value: v.version, label: `第 ${v.version} 版` }));
  return (
    <Drawer title={`版本历史：${name}`} open onClose={onClose} size={1080} destroyOnHidden>
      {error && <Alert type="error" showIcon title="版本历史加载失败" description={error} />}
      {!error && versions === null && <Skeleton active paragraph={{ rows: 4 }} />}
      {versions && (
        <Space orientation="vertical" size="large" style={{ width: '100%' }}>
          <Table<VersionRow>
            data-testid="version-table"
            rowKey="version"
            size="middle"
            columns={columns}
            dataSource={versions}
            pagination={false}
            expandable={{
              expandedRowKeys: expanded,
              showExpandColumn: false,
              expandedRowRender: (row) => <VersionCases definitionId={definitionId} version={row.version} />,
            }}
            locale={{ emptyText: <Empty description="该流程尚未发布任何版本" /> }}
          />
          <div>
            <Typography.Title level={5}>版本对比</Typography.Title>
            {versions.length < 2 ? (
              <Typography.Text type="secondary">该流程只有一个版本，发布新版本后可在此对比。</Typography.Text>
            ) : (
              <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
                <Space wrap>
                  <span>从</span>
                  <Select aria-label="对比的旧版本" style={{ width: 120 }} value={from} options={options} onChange={setFrom} data-testid="version-from" />
                  <span>到</span>
                  <Select aria-label="对比的新版本" style={{ width: 120 }} value={to} options={options} onChange={setTo} data-testid="version-to" />
                </Space>
                {from !== null && to !== null && from === to ? (
                  <Typography.Text type="secondary">请选择两个不同的版本。</Typography.Text>
                ) : (
                  from !== null && to !== null && <VersionComparisonView definitionId={definitionId} from={from} to={to} catalogue={catalogue} />
                )}
              </Space>
            )}
          </div>
        </Space>
      )}
    </Drawer>
  );
}
