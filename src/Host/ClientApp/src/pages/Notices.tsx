// 公示公告: the notices open to the caller now, each with its text and period, and the objection form (异议).
import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Empty, Form, Input, Result, Skeleton, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { api, ApiError } from '../api';
import type { NoticeView } from '../types';
import './notices.css';

/** A date as the notice text writes it: in Beijing, whatever the reader's clock says. */
const date = (value: string) =>
  new Date(value).toLocaleDateString('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: 'long', day: 'numeric' });

function NoticeText({ caseId }: { caseId: string }) {
  const [text, setText] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    fetch(`/api/cases/${encodeURIComponent(caseId)}/exports/notice?format=text`, { credentials: 'include' })
      .then(async (response) => {
        if (!response.ok) throw new Error();
        setText(await response.text());
      })
      .catch(() => setError('公示文本加载失败，请刷新后重试。'));
  }, [caseId]);

  if (error) return <Alert type="warning" showIcon title={error} />;
  if (text === null) return <Skeleton active paragraph={{ rows: 3 }} />;
  return (
    <div className="notice-text" data-testid="notice-text">
      {text}
    </div>
  );
}

function ObjectionForm({ notice, onRaised }: { notice: NoticeView; onRaised: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const [busy, setBusy] = useState(false);

  const submit = async ({ reason }: { reason: string }) => {
    setBusy(true);
    try {
      const answer = await api.post<{ message?: string }>(`/api/cases/${encodeURIComponent(notice.caseId)}/objections`, { reason: reason.trim() });
      message.success(answer?.message ?? '异议已提交。');
      form.resetFields();
      onRaised();
    } catch (e) {
      if (e instanceof ApiError && e.fieldErrors['reason']) {
        form.setFields([{ name: 'reason', errors: e.fieldErrors['reason'] }]);
      } else {
        message.error(e instanceof ApiError ? e.message : '异议提交失败，请稍后重试。');
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form form={form} layout="vertical" onFinish={(values) => void submit(values)} className="objection-form">
      <Form.Item
        name="reason"
        label="提出异议"
        extra="请写明异议的事项、理由和依据；异议提交后公示暂停，由主管部门核实处理。"
        rules={[
          { required: true, whitespace: true, message: '请填写异议理由' },
          { max: 2000, message: '异议理由不能超过 2000 个字' },
        ]}
      >
        <Input.TextArea rows={3} maxLength={2000} showCount placeholder="请填写异议理由" aria-label="异议理由" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy}>
        提交异议
      </Button>
    </Form>
  );
}

function NoticeCard({ notice, onRaised }: { notice: NoticeView; onRaised: () => void }) {
  const period = notice.paused
    ? `自 ${date(notice.startedAt)} 起公示 ${notice.days} 个工作日，因异议暂停，尚余 ${notice.workingDaysLeft} 个工作日`
    : `${date(notice.startedAt)} 至 ${notice.dueAt ? date(notice.dueAt) : '—'}，共 ${notice.days} 个工作日，剩 ${notice.workingDaysLeft} 个工作日`;
  return (
    <Card
      size="small"
      data-testid="notice"
      title={
        <Space wrap>
          <span>{notice.title}</span>
          {notice.paused ? <Tag color="orange">异议处理中，公示暂停</Tag> : <Tag color="blue">公示中</Tag>}
        </Space>
      }
    >
      <Space orientation="vertical" size="middle" className="notice-body">
        <Typography.Text>
          发布单位：{notice.issuerName ?? '—'}　事项：
          {notice.canOpenCase ? <Link to={`/cases/${notice.caseId}`}>{notice.caseTitle}</Link> : notice.caseTitle}（{notice.definitionName} · {notice.stepName}）
        </Typography.Text>
        <Typography.Text data-testid="notice-period">公示期：{period}</Typography.Text>
        {notice.hasText && (
          <>
            <NoticeText caseId={notice.caseId} />
            <Space wrap>
              <Button href={`/api/cases/${encodeURIComponent(notice.caseId)}/exports/notice?format=print`} target="_blank" rel="noopener">
                打印公示
              </Button>
            </Space>
          </>
        )}
        <ObjectionForm notice={notice} onRaised={onRaised} />
      </Space>
    </Card>
  );
}

export default function Notices() {
  const [notices, setNotices] = useState<NoticeView[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(() => {
    api.get<NoticeView[]>('/api/notices').then(
      (list) => {
        setNotices(list);
        setError(null);
      },
      (e: unknown) => setError(e instanceof ApiError ? e.message : '公示公告加载失败'),
    );
  }, []);

  useEffect(load, [load]);

  return (
    <div className="page notices-page">
      <Typography.Title level={4}>公示公告</Typography.Title>
      {error ? (
        <Result status="error" title="无法加载公示公告" subTitle={error} />
      ) : !notices ? (
        <Skeleton active />
      ) : notices.length === 0 ? (
        <Empty description="当前没有公示中的事项" />
      ) : (
        <Space orientation="vertical" size="middle" className="notice-list">
          {notices.map((notice) => (
            <NoticeCard key={notice.caseId} notice={notice} onRaised={load} />
          ))}
        </Space>
      )}
    </div>
  );
}
