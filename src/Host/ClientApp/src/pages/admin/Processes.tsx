// 流程管理: every process, published or only drafted, with its latest version and the cases still running on it; from
// here an administrator creates a process, imports or exports one as JSON, opens the designer or the version history.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { HTMLAttributes } from 'react';
import { Alert, App, Button, Dropdown, Form, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useNavigate, useSearchParams } from 'react-router';
import { api, ApiError } from '../../api';
import { reportSaveError } from '../../admin/fieldErrors';
import { downloadDefinition, minimalDraft, parseImport, processIdProblem } from '../../processes/drafts';
import { beijingTime } from '../../processes/format';
import type { DraftView, ProcessDefinition, ProcessSummary, PublishedView } from '../../processes/types';
import ProcessVersions from './ProcessVersions';

interface NewProcess {
  id?: string;
  name?: string;
}

const newFields = ['id', 'name'] as const;

/** An exported file is a definition of a few hundred kilobytes at most; anything far larger is not one. */
const maxImportBytes = 2 * 1024 * 1024;

const designerOf = (id: string) => `/admin/processes/${encodeURIComponent(id)}/design`;

const draftUrl = (id: string) => `/api/definitions/${encodeURIComponent(id)}/draft`;

/** A refused draft's field errors, one line each ("nodes[1].kind：…"), for a dialog that has no fields of its own. */
function errorList(error: unknown) {
  if (error instanceof ApiError && Object.keys(error.fieldErrors).length > 0) {
    return (
      <ul className="change-list">
        {Object.entries(error.fieldErrors).flatMap(([field, messages]) =>
          messages.map((text) => <li key={`${field}:${text}`}>{field === 'body' ? text : `${field}：${text}`}</li>),
        )}
      </ul>
    );
  }
  return error instanceof Error ? error.message : '导入失败';
}

export default function Processes() {
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const [processes, setProcesses] = useState<ProcessSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [saving, setSaving] = useState(false);
  const [importing, setImporting] = useState(false);
  const [form] = Form.useForm<NewProcess>();
  const fileInput = useRef<HTMLInputElement>(null);

  const load = useCallback(async () => {
    setError(null);
    try {
      setProcesses(await api.get<ProcessSummary[]>('/api/definitions'));
    } catch (e) {
      setError(e instanceof Error ? e.message : '加载失败');
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  // Whoever manages processes is about to open one: the designer's code is fetched while the list is read.
  useEffect(() => {
    void import('../../designer/DesignerPage');
  }, []);

  const ids = useMemo(() => (processes ?? []).map((p) => p.id), [processes]);
  const versionsOf = params.get('versions');
  const shownVersions = processes?.find((p) => p.id === versionsOf);

  const create = async () => {
    const values = await form.validateFields();
    const id = values.id!.trim();
    setSaving(true);
    try {
      await api.put<DraftView>(draftUrl(id), minimalDraft(id, values.name!));
      message.success(`已创建流程“${values.name!.trim()}”，请在设计器中继续编辑`);
      setCreating(false);
      navigate(designerOf(id));
    } catch (e) {
      reportSaveError(e, newFields, (known) => form.setFields(known.map((f) => ({ name: f.name as keyof NewProcess, errors: f.errors }))), (text) => message.error(text));
    } finally {
      setSaving(false);
    }
  };

  const saveImported = async (definition: ProcessDefinition) => {
    setImporting(true);
    try {
      const draft = await api.put<DraftView>(draftUrl(definition.id), definition);
      if (draft.valid) {
        message.success(`已导入为流程“${draft.name}”的草稿`);
      } else {
        message.warning(`已导入为流程“${draft.name}”的草稿，还有 ${draft.problems.length} 处问题需在设计器中修改`);
      }
      navigate(designerOf(definition.id));
    } catch (e) {
      modal.error({ title: '导入失败', content: errorList(e), okText: '知道了' });
    } finally {
      setImporting(false);
    }
  };

  const importFile = async (file: File) => {
    if (file.size > maxImportBytes) {
      modal.error({ title: '无法导入', content: '文件过大：导出的流程定义不超过 2 MB。', okText: '知道了' });
      return;
    }
    const parsed = parseImport(await file.text());
    if ('error' in parsed) {
      modal.error({ title: '无法导入', content: parsed.error, okText: '知道了' });
      return;
    }
    const { definition } = parsed;
    const existing = processes?.find((p) => p.id === definition.id);
    if (existing?.hasDraft) {
      modal.confirm({
        title: '覆盖已有草稿？',
        content: `流程“${existing.name}”（${existing.id}）已有未发布的草稿，导入将覆盖它。已发布的版本不受影响。`,
        okText: '覆盖草稿',
        okButtonProps: { danger: true },
        cancelText: '取消',
        onOk: () => saveImported(definition),
      });
      return;
    }
    await saveImported(definition);
  };

  const exportProcess = async (id: string, source: 'published' | 'draft') => {
    try {
      const definition =
        source === 'draft'
          ? (await api.get<DraftView>(draftUrl(id))).definition
          : (await api.get<PublishedView>(`/api/definitions/${encodeURIComponent(id)}`)).definition;
      downloadDefinition(definition);
    } catch (e) {
      message.error(e instanceof Error ? e.message : '导出失败');
    }
  };

  const exportAction = (p: ProcessSummary) => {
    if (p.latestVersion !== null && p.hasDraft) {
      return (
        <Dropdown
          menu={{
            items: [
              { key: 'published', label: `第 ${p.latestVersion} 版（已发布）` },
              { key: 'draft', label: '草稿' },
            ],
            onClick: ({ key }) => void exportProcess(p.id, key as 'published' | 'draft'),
          }}
        >
          <Button type="link" size="small" aria-label={`导出 ${p.name} 的 JSON`}>导出 JSON</Button>
        </Dropdown>
      );
    }
    return (
      <Button type="link" size="small" aria-label={`导出 ${p.name} 的 JSON`} onClick={() => void exportProcess(p.id, p.latestVersion === null ? 'draft' : 'published')}>
        导出 JSON
      </Button>
    );
  };

  const columns: ColumnsType<ProcessSummary> = [
    {
      title: '流程名称',
      dataIndex: 'name',
      render: (name: string, p) => (
        <Space size={4} wrap>
          <span>{name}</span>
          {p.hasDraft && <Tag color="orange">草稿</Tag>}
        </Space>
      ),
    },
    { title: '流程标识', dataIndex: 'id', width: 220, render: (id: string) => <Typography.Text code>{id}</Typography.Text> },
    {
      title: '最新版本',
      dataIndex: 'latestVersion',
      width: 200,
      render: (version: number | null, p) =>
        version === null ? (
          <Tag>未发布</Tag>
        ) : (
          <span>
            第 {version} 版 <Typography.Text type="secondary">{beijingTime(p.publishedAt)}</Typography.Text>
          </span>
        ),
    },
    { title: '在办案件', dataIndex: 'runningCases', width: 90, align: 'right' },
    {
      title: '操作',
      key: 'actions',
      width: 230,
      render: (_: unknown, p) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => navigate(designerOf(p.id))} aria-label={`设计 ${p.name}`}>设计</Button>
          <Button
            type="link"
            size="small"
            disabled={p.latestVersion === null}
            title={p.latestVersion === null ? '尚未发布，没有版本' : undefined}
            onClick={() => setParams({ versions: p.id })}
            aria-label={`${p.name} 的版本历史`}
          >
            版本
          </Button>
          {exportAction(p)}
        </Space>
      ),
    },
  ];

  return (
    <div>
      <Space className="toolbar" wrap>
        <Button
          type="primary"
          data-testid="process-new"
          disabled={!processes}
          onClick={() => {
            form.resetFields();
            setCreating(true);
          }}
        >
          新建流程
        </Button>
        <Button data-testid="process-import" loading={importing} disabled={!processes} onClick={() => fileInput.current?.click()}>
          导入 JSON
        </Button>
        <input
          ref={fileInput}
          type="file"
          accept=".json,application/json"
          hidden
          data-testid="process-import-file"
          aria-label="选择要导入的流程定义 JSON 文件"
          onChange={(event) => {
            const file = event.target.files?.[0];
            event.target.value = '';
            if (file) void importFile(file);
          }}
        />
      </Space>
      {error && <Alert type="error" showIcon title="流程列表加载失败" description={error} action={<Button onClick={() => void load()}>重试</Button>} />}
      <Table<ProcessSummary>
        rowKey="id"
        size="middle"
        loading={processes === null && !error}
        columns={columns}
        dataSource={processes ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        onRow={(p) => ({ 'data-testid': `process-row-${p.id}` }) as HTMLAttributes<HTMLElement>}
        locale={{ emptyText: '还没有任何流程，点击“新建流程”开始设计' }}
      />
      <Modal
        title="新建流程"
        open={creating}
        onCancel={() => setCreating(false)}
        onOk={() => void create()}
        okText="创建并设计"
        cancelText="取消"
        confirmLoading={saving}
        forceRender
      >
        <Form form={form} layout="vertical" requiredMark>
          <Form.Item
            name="id"
            label="流程标识"
            extra="小写字母、数字和连字符，如 major-addition-filing；创建后不能修改。"
            rules={[
              {
                required: true,
                validator: (_rule, value: string | undefined) => {
                  const problem = processIdProblem((value ?? '').trim(), ids);
                  return problem === null ? Promise.resolve() : Promise.reject(new Error(problem));
                },
              },
            ]}
          >
            <Input data-testid="process-new-id" placeholder="如 site-visit" maxLength={100} />
          </Form.Item>
          <Form.Item
            name="name"
            label="流程名称"
            rules={[
              { required: true, whitespace: true, message: '请填写流程名称' },
              { max: 200, message: '流程名称不能超过 200 个字符' },
            ]}
          >
            <Input data-testid="process-new-name" placeholder="如 实地核查" maxLength={200} />
          </Form.Item>
        </Form>
      </Modal>
      {versionsOf && shownVersions && (
        <ProcessVersions definitionId={versionsOf} name={shownVersions.name} onClose={() => setParams({})} />
      )}
    </div>
  );
}
