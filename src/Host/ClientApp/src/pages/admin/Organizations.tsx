// 组织机构: the tree as a table (filtered while typing), with a dialog to add a school or bureau under a city and to rename.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { api } from '../../api';
import { reportSaveError } from '../../admin/fieldErrors';
import { branchIds, buildOrgTree, filterOrgTree, suggestOrgId, type OrgNode } from '../../admin/orgTree';
import type { Organization, OrganizationTree } from '../../admin/types';

interface Values {
  parentId?: string;
  kind?: string;
  id?: string;
  name?: string;
  schoolType?: string;
}

type Editing = { mode: 'add'; parentId?: string } | { mode: 'edit'; org: Organization };

const fields = ['parentId', 'kind', 'id', 'name', 'schoolType'] as const;

export default function Organizations() {
  const { message } = App.useApp();
  const [tree, setTree] = useState<OrganizationTree | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [words, setWords] = useState('');
  const [expanded, setExpanded] = useState<string[]>([]);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form);
  const parentId = Form.useWatch('parentId', form);

  const load = useCallback(async () => {
    setError(null);
    try {
      const loaded = await api.get<OrganizationTree>('/api/organizations');
      setTree(loaded);
      setExpanded((current) => (current.length > 0 ? current : buildOrgTree(loaded.items).map((r) => r.id)));
    } catch (e) {
      setError(e instanceof Error ? e.message : '加载失败');
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  const roots = useMemo(() => buildOrgTree(tree?.items ?? []), [tree]);
  const shown = useMemo(() => filterOrgTree(roots, words), [roots, words]);
  // A search opens every branch that leads to a match, also when the tree reloads under it (after a save).
  useEffect(() => {
    if (words.trim()) setExpanded(branchIds(shown));
  }, [shown, words]);
  const cities = useMemo(() => (tree?.items ?? []).filter((o) => o.kind === 'City'), [tree]);

  // A new organisation is offered the next free id under its city, until the administrator types their own.
  useEffect(() => {
    if (editing?.mode !== 'add' || !parentId || !kind || !tree || form.isFieldTouched('id')) return;
    form.setFieldValue('id', suggestOrgId(parentId, kind, tree.items));
  }, [editing, parentId, kind, tree, form]);

  const open = (next: Editing) => {
    form.resetFields();
    if (next.mode === 'add') {
      form.setFieldsValue({ parentId: next.parentId, kind: 'School' });
    } else {
      form.setFieldsValue({ name: next.org.name, schoolType: next.org.schoolType ?? undefined });
    }
    setEditing(next);
  };

  const save = async () => {
    const values = await form.validateFields();
    setSaving(true);
    try {
      if (editing?.mode === 'edit') {
        await api.put(`/api/organizations/${encodeURIComponent(editing.org.id)}`, { name: values.name, schoolType: values.schoolType ?? null });
        message.success(`已保存“${values.name}”`);
      } else {
        await api.post('/api/organizations', { ...values, schoolType: values.kind === 'School' ? values.schoolType : null });
        message.success(`已添加“${values.name}”`);
      }
      setEditing(null);
      await load();
    } catch (e) {
      reportSaveError(e, fields, (known) => form.setFields(known.map((f) => ({ name: f.name as keyof Values, errors: f.errors }))), (text) => message.error(text));
    } finally {
      setSaving(false);
    }
  };

  const columns: ColumnsType<OrgNode> = [
    { title: '机构名称', dataIndex: 'name' },
    { title: '机构编号', dataIndex: 'id', width: 140 },
    { title: '类别', dataIndex: 'kindName', width: 120, render: (v: string) => <Tag>{v}</Tag> },
    { title: '办学类型', dataIndex: 'schoolTypeName', width: 120, render: (v: string | null) => v ?? '—' },
    { title: '用户数', dataIndex: 'users', width: 80, align: 'right' },
    {
      title: '操作',
      key: 'actions',
      width: 170,
      render: (_: unknown, org) => (
        <Space size="small">
          <Button type="link" size="small" onClick={() => open({ mode: 'edit', org })} aria-label={`编辑 ${org.name}`}>编辑</Button>
          {org.kind === 'City' && (
            <Button type="link" size="small" onClick={() => open({ mode: 'add', parentId: org.id })} aria-label={`在 ${org.name} 下添加`}>添加下级</Button>
          )}
        </Space>
      ),
    },
  ];

  const isSchool = editing?.mode === 'edit' ? editing.org.kind === 'School' : kind === 'School';
  return (
    <div>
      <Space className="toolbar" wrap>
        <Input.Search
          placeholder="按机构名称或编号查找"
          allowClear
          style={{ width: 280 }}
          onChange={(e) => setWords(e.target.value)}
        />
        <Button type="primary" onClick={() => open({ mode: 'add' })} disabled={!tree}>新增机构</Button>
      </Space>
      {error && <Alert type="error" showIcon message="组织机构加载失败" description={error} action={<Button onClick={() => void load()}>重试</Button>} />}
      <Table<OrgNode>
        rowKey="id"
        size="middle"
        loading={tree === null && !error}
        columns={columns}
        dataSource={shown}
        pagination={false}
        scroll={{ x: 'max-content' }}
        expandable={{ expandedRowKeys: expanded, onExpandedRowsChange: (keys) => setExpanded(keys.map(String)) }}
        locale={{ emptyText: words ? `没有名称或编号包含“${words}”的机构` : '暂无组织机构' }}
      />
      <Modal
        title={editing?.mode === 'edit' ? `编辑机构：${editing.org.name}` : '新增机构'}
        open={editing !== null}
        onCancel={() => setEditing(null)}
        onOk={() => void save()}
        okText="保存"
        cancelText="取消"
        confirmLoading={saving}
        forceRender
      >
        <Form form={form} layout="vertical" requiredMark>
          {editing?.mode === 'add' && (
            <>
              <Form.Item name="parentId" label="上级机构（盟市）" rules={[{ required: true, message: '请选择上级机构' }]}>
                <Select
                  showSearch
                  optionFilterProp="label"
                  placeholder="请选择盟市人社局"
                  options={cities.map((c) => ({ value: c.id, label: c.name }))}
                />
              </Form.Item>
              <Form.Item name="kind" label="机构类别" rules={[{ required: true, message: '请选择机构类别' }]}>
                <Select options={(tree?.addableKinds ?? []).map((k) => ({ value: k.code, label: k.name }))} />
              </Form.Item>
              <Form.Item
                name="id"
                label="机构编号"
                extra="学校按“盟市代码-序号”编号，教育局、财政局为“盟市代码-edu / -fin”；保存后不可修改。"
                rules={[
                  { required: true, message: '请填写机构编号' },
                  { pattern: /^[0-9A-Za-z-]{1,32}$/, message: '机构编号只能由数字、字母和连字符组成，不超过 32 个字符' },
                ]}
              >
                <Input placeholder="例如 150100-07" />
              </Form.Item>
            </>
          )}
          <Form.Item name="name" label="机构名称" rules={[{ required: true, whitespace: true, message: '请填写机构名称' }, { max: 100, message: '机构名称不超过 100 个字' }]}>
            <Input placeholder="例如 呼和浩特新能源技工学校" />
          </Form.Item>
          {isSchool && (
            <Form.Item name="schoolType" label="办学类型" rules={[{ required: true, message: '请选择办学类型' }]}>
              <Select showSearch optionFilterProp="label" placeholder="请选择办学类型" options={(tree?.schoolTypes ?? []).map((t) => ({ value: t.code, label: t.name }))} />
            </Form.Item>
          )}
          {editing?.mode === 'edit' && (
            <Typography.Paragraph type="secondary">
              {editing.org.kindName} · 编号 {editing.org.id}（机构编号和上级机构不可修改）
            </Typography.Paragraph>
          )}
        </Form>
      </Modal>
    </div>
  );
}
