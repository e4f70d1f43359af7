// 发起申请: the processes the caller may start, then the chosen one's start form, generated from its schema.
import { useEffect, useState } from 'react';
import { App, Button, Card, Empty, Form, Input, List, Result, Skeleton, Typography } from 'antd';
import { Link, useNavigate, useParams } from 'react-router';
import { api, ApiError, errorPath } from '../api';
import { FormFields } from '../forms/DynamicForm';
import { startFormOf, toPayload } from '../forms/schema';
import type { DefinitionSummary, DefinitionView, FormSchema } from '../types';

export function ProcessList() {
  const [definitions, setDefinitions] = useState<DefinitionSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.get<DefinitionSummary[]>('/api/definitions').then(setDefinitions, (e: Error) => setError(e.message));
  }, []);

  return (
    <div className="page">
      <Typography.Title level={4}>发起申请</Typography.Title>
      {error && <Typography.Paragraph type="danger">{error}</Typography.Paragraph>}
      {definitions === null && !error ? (
        <Skeleton active />
      ) : (
        <List
          grid={{ gutter: 16, xs: 1, sm: 1, md: 2, lg: 3 }}
          dataSource={(definitions ?? []).filter((d) => d.canStart)}
          locale={{ emptyText: <Empty description="暂无可发起的流程" /> }}
          renderItem={(d) => (
            <List.Item>
              <Card title={d.name} extra={<Link to={`/start/${d.id}`}>发起</Link>}>
                <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }}>{d.description ?? '—'}</Typography.Paragraph>
              </Card>
            </List.Item>
          )}
        />
      )}
    </div>
  );
}

export function StartForm() {
  const { definitionId = '' } = useParams();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [definition, setDefinition] = useState<DefinitionView | null>(null);
  const [schema, setSchema] = useState<FormSchema | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    api.get<DefinitionView>(`/api/definitions/${encodeURIComponent(definitionId)}`).then(
      (view) => {
        setDefinition(view);
        setSchema(startFormOf(view.definition));
      },
      (e: Error) => setError(e.message),
    );
  }, [definitionId]);

  if (error) return <Result status="warning" title="无法打开流程" subTitle={error} extra={<Link to="/start">返回流程列表</Link>} />;
  if (!definition) return <Skeleton active className="page" />;

  const submit = async (values: Record<string, unknown>) => {
    setBusy(true);
    try {
      const created = await api.post<{ id: string }>('/api/cases', {
        definitionId,
        title: typeof values['caseTitle'] === 'string' && values['caseTitle'].trim() ? values['caseTitle'] : undefined,
        form: toPayload(schema?.fields ?? [], values),
      });
      message.success('已提交');
      navigate(`/cases/${created.id}`);
    } catch (e) {
      if (e instanceof ApiError && Object.keys(e.fieldErrors).length > 0) {
        form.setFields(Object.entries(e.fieldErrors).map(([key, errors]) => ({ name: (key.toLowerCase() === 'title' ? ['caseTitle'] : errorPath(key)) as never, errors })));
        message.error('提交的内容有误，请按提示修改。');
      } else {
        message.error(e instanceof Error ? e.message : '提交失败');
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="page">
      <Typography.Title level={4}>{definition.name}</Typography.Title>
      <Card title={schema?.title ?? '申请信息'}>
        <Form form={form} layout="horizontal" labelCol={{ flex: '160px' }} labelWrap onFinish={submit} scrollToFirstError>
          <Form.Item name="caseTitle" label="事项名称" extra="不填则按流程名称和申请单位自动生成" rules={[{ max: 300, message: '事项名称不能超过 300 个字' }]}>
            <Input placeholder="选填" />
          </Form.Item>
          <FormFields fields={schema?.fields ?? []} />
          <Form.Item label=" " colon={false}>
            <Button type="primary" htmlType="submit" loading={busy}>提交申请</Button>
          </Form.Item>
        </Form>
      </Card>
    </div>
  );
}
