// 进度看板: a batch at a glance — its totals, the programme's targets, per city the applications and the
// recommendations against the city's quota, per school its quota use and where each application stands, and the
// ranking once 排序遴选 has run. The server counts only what the caller may see.
import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Col, Empty, Form, Input, InputNumber, Modal, Progress, Result, Row, Skeleton, Space, Statistic, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link, useParams } from 'react-router';
import { api, ApiError, errorPath } from '../api';
import { hasRole, useAuth } from '../auth';
import { percent } from '../batches/logic';
import type { ApplicationProgress, BatchDashboard as Dashboard, CityProgress, ProgrammeFigures, RankingLine, SchoolProgress } from '../batches/types';

const schoolTypeNames: Record<string, string> = {
  TechnicianCollege: '技师学院',
  SeniorTechnicalSchool: '高级技工学校',
  TechnicalSchool: '技工学校',
};

const score = (value: number | null | undefined) => (value === null || value === undefined ? '—' : value.toFixed(2));

function recommendation(value: boolean | null) {
  if (value === true) return <Tag color="green">已推荐</Tag>;
  if (value === false) return <Tag color="red">未推荐</Tag>;
  return <Tag>待推荐</Tag>;
}

const applicationColumns: ColumnsType<ApplicationProgress> = [
  { title: '申报项目', dataIndex: 'title', render: (_: string, a) => <Link to={`/cases/${a.caseId}`}>{a.itemName ?? a.title}</Link> },
  { title: '当前环节', dataIndex: 'currentSteps', render: (steps: string[], a) => (steps.length > 0 ? steps.join('、') : a.statusName) },
  { title: '盟市推荐', dataIndex: 'recommended', width: 100, render: recommendation },
  { title: '评审得分', dataIndex: 'score', width: 100, render: score },
  { title: '排名', dataIndex: 'rank', width: 70, render: (rank: number | null) => rank ?? '—' },
  { title: '结果', dataIndex: 'selected', width: 90, render: (selected: boolean, a) => (selected ? <Tag color="gold">入选</Tag> : a.note ?? '—') },
];

const schoolColumns = (grant: ((school: SchoolProgress) => void) | null): ColumnsType<SchoolProgress> => [
  { title: '学校', dataIndex: 'orgName', render: (name: string | null, s) => name ?? s.orgId },
  { title: '类型', dataIndex: 'schoolType', width: 120, render: (type: string | null) => (type ? schoolTypeNames[type] ?? type : '—') },
  {
    title: '名额使用', key: 'quota', width: 220,
    render: (_: unknown, s) => (
      <Space size={4} className="quota-cell">
        <Progress percent={percent(s.applications, s.quota)} size="small" showInfo={false} style={{ width: 80 }} />
        <span>{s.applications} / {s.quota ?? '—'}</span>
        {s.specialQuota && <Tag color="purple">特批</Tag>}
      </Space>
    ),
  },
  ...(grant ? [{ title: '操作', key: 'grant', width: 110, render: (_: unknown, s: SchoolProgress) => <Button size="small" onClick={() => grant(s)}>特批名额</Button> }] : []),
];

/** 原则上: the province lets one school apply for more (or fewer) than its type's quota, with a reason on the record. */
function GrantQuota({ batchId, school, onClose }: { batchId: string; school: SchoolProgress; onClose: (granted: boolean) => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ quota: number; reason: string }>();
  const [busy, setBusy] = useState(false);
  const submit = async (values: { quota: number; reason: string }) => {
    setBusy(true);
    try {
      await api.post(`/api/cases/${batchId}/quota-exceptions`, { orgId: school.orgId, ...values });
      message.success(`已特批${school.orgName ?? school.orgId}本批次可申报 ${values.quota} 个`);
      onClose(true);
    } catch (e) {
      if (e instanceof ApiError && Object.keys(e.fieldErrors).length > 0) {
        form.setFields(Object.entries(e.fieldErrors).map(([key, errors]) => ({ name: (key === 'orgId' ? 'quota' : errorPath(key)[0]) as never, errors })));
      } else {
        message.error(e instanceof Error ? e.message : '特批失败');
      }
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={`特批名额：${school.orgName ?? school.orgId}`} okText="特批" cancelText="取消" confirmLoading={busy}
      onOk={() => form.submit()} onCancel={() => onClose(false)} destroyOnHidden>
      <Typography.Paragraph type="secondary">现有名额 {school.quota ?? '—'} 个，已申报 {school.applications} 个。特批的名额、理由和办理人记入批次记录。</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ quota: (school.quota ?? 0) + 1 }}>
        <Form.Item name="quota" label="特批后本批次可申报" rules={[{ required: true, message: '请填写特批名额' }]}>
          <InputNumber min={0} max={100} addonAfter="个" />
        </Form.Item>
        <Form.Item name="reason" label="特批理由" rules={[{ required: true, whitespace: true, message: '请填写特批理由' }]}>
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}

const cityColumns: ColumnsType<CityProgress> = [
  { title: '盟市', dataIndex: 'cityName', render: (name: string | null, c) => name ?? c.cityId ?? '—' },
  { title: '申报数', dataIndex: 'applications', width: 90 },
  {
    title: '推荐 / 名额', key: 'recommended', width: 240,
    render: (_: unknown, c) => (
      <Space size={4} className="quota-cell">
        <Progress percent={percent(c.recommended, c.recommendationQuota)} size="small" showInfo={false} style={{ width: 100 }} />
        <span>{c.recommended} / {c.recommendationQuota ?? '—'}</span>
      </Space>
    ),
  },
  { title: '学校数', key: 'schools', width: 90, render: (_: unknown, c) => c.schools.length },
];

const rankingColumns: ColumnsType<RankingLine> = [
  { title: '排名', dataIndex: 'rank', width: 70 },
  { title: '学校', dataIndex: 'orgName' },
  { title: '盟市', dataIndex: 'cityName', width: 120 },
  { title: '申报项目', dataIndex: 'title', render: (title: string, r) => (r.caseId ? <Link to={`/cases/${r.caseId}`}>{title}</Link> : title) },
  { title: '得分', dataIndex: 'score', width: 90, render: score },
  { title: '结果', dataIndex: 'selected', width: 110, render: (selected: boolean, r) => (selected ? <Tag color="gold">拟入选</Tag> : r.note ?? '未入选') },
];

function Target({ label, achieved, target, unit }: { label: string; achieved: number | null; target: number | null; unit: string }) {
  return (
    <div className="target">
      <Typography.Text>{label}：{achieved ?? 0} / {target ?? '—'} {unit}</Typography.Text>
      <Progress percent={percent(achieved ?? 0, target)} />
    </div>
  );
}

function Targets({ targets, achieved }: { targets: ProgrammeFigures; achieved: ProgrammeFigures }) {
  return (
    <Row gutter={[24, 8]}>
      <Col xs={24} md={8}><Target label="建设专业" achieved={achieved.majors} target={targets.majors} unit="个" /></Col>
      <Col xs={24} md={8}><Target label="参与院校" achieved={achieved.schools} target={targets.schools} unit="所" /></Col>
      <Col xs={24} md={8}><Target label="一体化教师" achieved={achieved.teachers} target={targets.teachers} unit="名" /></Col>
    </Row>
  );
}

export default function BatchDashboard() {
  const { batchId = '' } = useParams();
  const [board, setBoard] = useState<Dashboard | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [granting, setGranting] = useState<SchoolProgress | null>(null);
  const { me } = useAuth();

  const load = useCallback(() => {
    api.get<Dashboard>(`/api/cases/${batchId}/dashboard`).then(setBoard, (e: Error) => setError(e.message));
  }, [batchId]);

  useEffect(() => {
    setBoard(null);
    load();
  }, [load]);

  if (error) return <Result status="warning" title="无法打开进度看板" subTitle={error} extra={<Link to="/batches">返回申报批次</Link>} />;
  if (!board) return <Skeleton active className="page" />;

  const t = board.totals;
  const mayGrant = board.open && hasRole(me, 'province_reviewer');
  return (
    <div className="page case-page">
      {granting && (
        <GrantQuota batchId={board.id} school={granting} onClose={(granted) => { setGranting(null); if (granted) load(); }} />
      )}
      <Space wrap align="baseline">
        <Typography.Title level={4} style={{ margin: 0 }}>{board.title}</Typography.Title>
        <Tag color={board.open ? 'green' : 'default'}>{board.open ? '申报中' : board.statusName}</Tag>
        <Link to={`/cases/${board.id}`}>查看批次详情</Link>
      </Space>
      <Card>
        <Row gutter={[16, 16]}>
          <Col xs={12} sm={8} md={4}><Statistic title="申报" value={t.applications} /></Col>
          <Col xs={12} sm={8} md={4}><Statistic title="审核评审中" value={t.inProgress} /></Col>
          <Col xs={12} sm={8} md={4}><Statistic title="已推荐" value={t.recommended} /></Col>
          <Col xs={12} sm={8} md={4}><Statistic title="未推荐" value={t.declined} /></Col>
          <Col xs={12} sm={8} md={4}><Statistic title="已评分" value={t.scored} /></Col>
          <Col xs={12} sm={8} md={4}><Statistic title="入选" value={t.selected} /></Col>
        </Row>
      </Card>
      {board.programme && (
        <Card title={`${board.programme.title}：建设目标完成情况`}>
          <Targets targets={board.programme.targets} achieved={board.programme.achieved} />
          <Typography.Paragraph type="secondary" className="batch-contributions">
            {board.programme.batches.map((b) => `${b.title}（${b.statusName}）入选 ${b.selected} 个`).join('；')}
          </Typography.Paragraph>
        </Card>
      )}
      <Card title="各盟市申报与推荐">
        {board.cities.length === 0 ? (
          <Empty description="暂无申报" />
        ) : (
          <Table<CityProgress>
            rowKey={(c) => c.cityId ?? ''}
            columns={cityColumns}
            dataSource={board.cities}
            pagination={false}
            size="middle"
            scroll={{ x: 600 }}
            expandable={{
              defaultExpandAllRows: board.cities.length <= 3,
              expandedRowRender: (c) => (
                <Table<SchoolProgress>
                  rowKey="orgId"
                  columns={schoolColumns(mayGrant ? setGranting : null)}
                  dataSource={c.schools}
                  pagination={false}
                  size="small"
                  expandable={{
                    defaultExpandAllRows: true,
                    expandedRowRender: (s) => (
                      <Table<ApplicationProgress> rowKey="caseId" columns={applicationColumns} dataSource={s.applied} pagination={false} size="small" />
                    ),
                  }}
                />
              ),
            }}
          />
        )}
      </Card>
      <Card title="排序遴选结果">
        {board.ranking.length === 0 ? (
          <Alert type="info" showIcon message="尚未排序：申报截止且各申报办结后，按评审得分排序。" />
        ) : (
          <Table<RankingLine> rowKey={(r) => r.caseId ?? String(r.rank)} columns={rankingColumns} dataSource={board.ranking} pagination={false} size="middle" scroll={{ x: 700 }} />
        )}
      </Card>
    </div>
  );
}
