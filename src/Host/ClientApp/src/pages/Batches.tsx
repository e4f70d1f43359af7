// 申报批次: the batches open for applications; a school applies to one with the form of its application process,
// generated from the definition, and sees its quota and the window's verdict on the form while it fills it in.
import { useCallback, useEffect, useRef, useState } from 'react';
import { Alert, App, Button, Card, Empty, Form, List, Result, Skeleton, Space, Tag, Typography } from 'antd';
import { Link, useNavigate, useParams } from 'react-router';
import { api, ApiError, errorPath } from '../api';
import { hasRole, useAuth } from '../auth';
import { closingText, daysLeft, quotaHint, splitCheckErrors } from '../batches/logic';
import type { OpenBatch } from '../batches/types';
import { FormFields } from '../forms/DynamicForm';
import { startFormOf, toPayload } from '../forms/schema';
import type { DefinitionView, FormSchema } from '../types';

function useOpenBatches(): { batches: OpenBatch[] | null; error: string | null } {
  const [batches, setBatches] = useState<OpenBatch[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.get<OpenBatch[]>('/api/batches').then(setBatches, (e: Error) => setError(e.message));
  }, []);
  return { batches, error };
}

export function BatchList() {
  const { me } = useAuth();
  const { batches, error } = useOpenBatches();
  const isSchool = hasRole(me, 'school_applicant');
  const now = new Date();

  return (
    <div className="page">
      <Typography.Title level={4}>申报批次</Typography.Title>
      <Typography.Paragraph type="secondary">正在申报期内的遴选批次。学校在截止前提交申报，名额按学校类型核定。</Typography.Paragraph>
      {error && <Alert type="error" showIcon message={error} />}
      {batches === null && !error ? (
        <Skeleton active />
      ) : (
        <List
          grid={{ gutter: 16, xs: 1, sm: 1, md: 2, lg: 3 }}
          dataSource={batches ?? []}
          locale={{ emptyText: <Empty description="暂无正在申报的批次" /> }}
          renderItem={(b) => {
            const hint = quotaHint(b.myQuota);
            const left = daysLeft(b.closesAt, now);
            return (
              <List.Item>
                <Card title={<span title={b.title}>{b.title}</span>} data-testid="batch-card">
                  <Space direction="vertical" size={8} style={{ width: '100%' }}>
                    <span>申报事项：{b.applicationName ?? '—'}</span>
                    <span>
                      申报截止：{closingText(b.closesAt)}
                      {left !== null && <Tag color={left <= 3 ? 'red' : 'blue'} className="batch-days">{left === 0 ? '今日截止' : `还有 ${left} 天`}</Tag>}
                    </span>
                    {hint && <Alert type={hint.type} showIcon message={hint.text} />}
                    <Space wrap>
                      {isSchool && b.applicationDefinitionId && (
                        hint?.full
                          ? <Button disabled>名额已满</Button>
                          : <Link to={`/batches/${b.id}/apply`}><Button type="primary">申报</Button></Link>
                      )}
                      <Link to={`/batches/${b.id}/dashboard`}><Button>进度看板</Button></Link>
                    </Space>
                  </Space>
                </Card>
              </List.Item>
            );
          }}
        />
      )}
    </div>
  );
}

type CheckState = { kind: 'idle' } | { kind: 'checking' } | { kind: 'ok'; message: string } | { kind: 'refused'; messages: string[] };

export function BatchApply() {
  const { batchId = '' } = useParams();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const { batches, error: listError } = useOpenBatches();
  const [schema, setSchema] = useState<FormSchema | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [check, setCheck] = useState<CheckState>({ kind: 'idle' });
  const timer = useRef<number | undefined>(undefined);
  const round = useRef(0);
  const batch = batches?.find((b) => b.id === batchId) ?? null;

  useEffect(() => {
    if (!batch?.applicationDefinitionId) return;
    api.get<DefinitionView>(`/api/definitions/${encodeURIComponent(batch.applicationDefinitionId)}`).then(
      (view) => setSchema(startFormOf(view.definition)),
      (e: Error) => setError(e.message),
    );
  }, [batch?.applicationDefinitionId]);

  useEffect(() => () => window.clearTimeout(timer.current), []);

  /** The window's verdict on the form as it stands: field errors on touched fields, the quota above the form. */
  const checkNow = useCallback(async () => {
    const mine = ++round.current;
    setCheck({ kind: 'checking' });
    try {
      const result = await api.post<{ message: string }>(`/api/cases/${batchId}/applications/check`, {
        form: toPayload(schema?.fields ?? [], form.getFieldsValue(true) as Record<string, unknown>),
      });
      if (mine === round.current) setCheck({ kind: 'ok', message: result.message });
    } catch (e) {
      if (mine !== round.current) return;
      if (e instanceof ApiError && Object.keys(e.fieldErrors).length > 0) {
        const split = splitCheckErrors(e.fieldErrors, (field) => form.isFieldTouched(field));
        form.setFields(split.fields.map(([field, errors]) => ({ name: errorPath(field) as never, errors })));
        setCheck(split.general.length > 0 ? { kind: 'refused', messages: split.general } : { kind: 'idle' });
      } else {
        setCheck({ kind: 'refused', messages: [e instanceof Error ? e.message : '核对失败'] });
      }
    }
  }, [batchId, form, schema]);

  const scheduleCheck = () => {
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => void checkNow(), 600);
  };

  if (listError || error) return <Result status="warning" title="无法打开申报表" subTitle={listError ?? error} extra={<Link to="/batches">返回申报批次</Link>} />;
  if (batches === null || (batch && !schema)) return <Skeleton active className="page" />;
  if (!batch) {
    return <Result status="info" title="本批次不在申报期内" subTitle="批次尚未开始、已经截止或不存在。" extra={<Link to="/batches">返回申报批次</Link>} />;
  }

  const hint = quotaHint(batch.myQuota);
  const submit = async (values: Record<string, unknown>) => {
    window.clearTimeout(timer.current);
    round.current++;
    setBusy(true);
    try {
      const created = await api.post<{ id: string; message: string }>(`/api/cases/${batchId}/applications`, {
        form: toPayload(schema?.fields ?? [], values),
      });
      message.success(created.message);
      navigate(`/cases/${created.id}`);
    } catch (e) {
      if (e instanceof ApiError && Object.keys(e.fieldErrors).length > 0) {
        const split = splitCheckErrors(e.fieldErrors, () => true);
        form.setFields(split.fields.map(([field, errors]) => ({ name: errorPath(field) as never, errors })));
        setCheck(split.general.length > 0 ? { kind: 'refused', messages: split.general } : { kind: 'idle' });
        message.error('申报表有误，请按提示修改。');
      } else {
        message.error(e instanceof Error ? e.message : '提交失败');
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="page">
      <Typography.Title level={4}>{batch.title}</Typography.Title>
      <Space direction="vertical" size={12} style={{ width: '100%' }}>
        <Typography.Text type="secondary">申报截止：{closingText(batch.closesAt)}</Typography.Text>
        {hint && <Alert type={hint.type} showIcon message={hint.text} data-testid="quota-hint" />}
        {check.kind === 'refused' && (
          <Alert type="error" showIcon message="暂不能提交" description={check.messages.join(' ')} data-testid="check-refused" />
        )}
        {check.kind === 'ok' && <Alert type="success" showIcon message={check.message} data-testid="check-ok" />}
        <Card title={schema?.title ?? batch.applicationName ?? '申报表'}>
          <Form form={form} layout="horizontal" labelCol={{ flex: '160px' }} labelWrap onFinish={submit} onValuesChange={scheduleCheck} scrollToFirstError>
            <FormFields fields={schema?.fields ?? []} />
            <Form.Item label=" " colon={false}>
              <Space>
                <Button type="primary" htmlType="submit" loading={busy}>提交申报</Button>
                {check.kind === 'checking' && <Typography.Text type="secondary">正在核对名额和申报表…</Typography.Text>}
              </Space>
            </Form.Item>
          </Form>
        </Card>
      </Space>
    </div>
  );
}
