// 用户与角色: accounts searched by name and narrowed to an organisation, paged; a dialog to create or change one
// (roles as checkboxes with their Chinese names), stopping and restarting sign-in, and resetting a password.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Checkbox, Col, Form, Input, Modal, Row, Space, Table, Tag, TreeSelect, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { api } from '../../api';
import { useAuth } from '../../auth';
import { reportSaveError } from '../../admin/fieldErrors';
import { buildOrgTree, toTreeSelect } from '../../admin/orgTree';
import type { Choice, OrganizationTree, UserAccount } from '../../admin/types';
import type { Page } from '../../types';

interface Values {
  userName?: string;
  displayName?: string;
  email?: string;
  orgId?: string;
  roles?: string[];
  password?: string;
  confirm?: string;
}

type Editing = { mode: 'create' } | { mode: 'edit'; user: UserAccount } | { mode: 'password'; user: UserAccount };

const fields = ['userName', 'displayName', 'email', 'orgId', 'roles', 'password'] as const;
const statusColors: Record<UserAccount['status'], string> = { active: 'green', disabled: 'red', locked: 'orange' };
const pageSize = 20;

export default function Users() {
  const { message, modal } = App.useApp();
  const { me } = useAuth();
  const [orgs, setOrgs] = useState<OrganizationTree | null>(null);
  const [roles, setRoles] = useState<Choice[]>([]);
  const [query, setQuery] = useState({ orgId: '', q: '', page: 1 });
  const [page, setPage] = useState<Page<UserAccount> | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<Values>();

  useEffect(() => {
    Promise.all([api.get<OrganizationTree>('/api/organizations'), api.get<Choice[]>('/api/roles')]).then(
      ([tree, choices]) => {
        setOrgs(tree);
        setRoles(choices);
      },
      (e: Error) => setError(e.message),
    );
  }, []);

  const load = useCallback(async () => {
    setLoading(true);
    setError(null);
    const params = new URLSearchParams({ page: String(query.page), pageSize: String(pageSize) });
    if (query.orgId) params.set('orgId', query.orgId);
    if (query.q) params.set('q', query.q);
    try {
      setPage(await api.get<Page<UserAccount>>(`/api/users?${params.toString()}`));
    } catch (e) {
      setError(e instanceof Error ? e.message : '加载失败');
    } finally {
      setLoading(false);
    }
  }, [query]);

  useEffect(() => {
    void load();
  }, [load]);

  const orgOptions = useMemo(() => toTreeSelect(buildOrgTree(orgs?.items ?? [])), [orgs]);

  const open = (next: Editing) => {
    form.resetFields();
    if (next.mode === 'edit') {
      const u = next.user;
      form.setFieldsValue({ displayName: u.displayName, email: u.email ?? undefined, orgId: u.orgId, roles: u.roles.map((r) => r.code) });
    }
    setEditing(next);
  };

  const save = async () => {
    const values = await form.validateFields();
    setSaving(true);
    try {
      if (editing?.mode === 'create') {
        const { confirm: _, ...body } = values;
        await api.post('/api/users', body);
        message.success(`已创建用户“${values.displayName}”`);
      } else if (editing?.mode === 'edit') {
        await api.put(`/api/users/${editing.user.id}`, { displayName: values.displayName, email: values.email ?? null, orgId: values.orgId, roles: values.roles });
        message.success(`已保存“${values.displayName}”`);
      } else if (editing?.mode === 'password') {
        await api.post(`/api/users/${editing.user.id}/password`, { password: values.password });
        message.success(`已重置“${editing.user.displayName}”的密码`);
      }
      setEditing(null);
      await load();
    } catch (e) {
      reportSaveError(e, fields, (known) => form.setFields(known.map((f) => ({ name: f.name as keyof Values, errors: f.errors }))), (text) => message.error(text));
    } finally {
      setSaving(false);
    }
  };

  const setLock = (user: UserAccount, locked: boolean) =>
    modal.confirm({
      title: locked ? `停用“${user.displayName}”的账号？` : `启用“${user.displayName}”的账号？`,
      content: locked ? '停用后该用户无法登录，直到管理员重新启用。' : '启用后该用户可以重新登录（同时解除因多次输错密码造成的临时锁定）。',
      okText: locked ? '停用' : '启用',
      okButtonProps: { danger: locked },
      cancelText: '取消',
      onOk: async () => {
        try {
          await api.post(`/api/users/${user.id}/${locked ? 'lock' : 'unlock'}`);
          message.success(locked ? '账号已停用' : '账号已启用');
          await load();
        } catch (e) {
          message.error(e instanceof Error ? e.message : '操作失败');
        }
      },
    });

  const columns: ColumnsType<UserAccount> = [
    { title: '用户名', dataIndex: 'userName', width: 130 },
    { title: '姓名', dataIndex: 'displayName' },
    { title: '所属机构', dataIndex: 'orgName', responsive: ['md'], render: (v: string | null, u) => v ?? u.orgId },
    {
      title: '角色',
      dataIndex: 'roles',
      render: (list: Choice[]) => list.map((r) => <Tag key={r.code}>{r.name}</Tag>),
    },
    {
      title: '状态',
      dataIndex: 'statusName',
      width: 100,
      render: (v: string, u) => (
        <Tag color={statusColors[u.status]} title={u.lockedUntil ? `锁定至 ${dayjs(u.lockedUntil).format('YYYY-MM-DD HH:mm')}` : undefined}>{v}</Tag>
      ),
    },
    {
      title: '操作',
      key: 'actions',
      width: 200,
      render: (_: unknown, u) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => open({ mode: 'edit', user: u })} aria-label={`编辑 ${u.userName}`}>编辑</Button>
          {u.status === 'active' ? (
            <Button type="link" size="small" danger disabled={u.id === me?.id} onClick={() => setLock(u, true)} aria-label={`停用 ${u.userName}`}>停用</Button>
          ) : (
            <Button type="link" size="small" onClick={() => setLock(u, false)} aria-label={`启用 ${u.userName}`}>启用</Button>
          )}
          <Button type="link" size="small" onClick={() => open({ mode: 'password', user: u })} aria-label={`重置 ${u.userName} 的密码`}>重置密码</Button>
        </Space>
      ),
    },
  ];

  const title =
    editing?.mode === 'create' ? '新建用户' : editing?.mode === 'edit' ? `编辑用户：${editing.user.userName}` : editing ? `重置密码：${editing.user.displayName}` : '';
  const passwordRules = [
    { required: true, message: '请输入密码' },
    { min: 8, message: '密码至少 8 个字符，须含大写字母、小写字母和数字' },
  ];
  return (
    <div>
      <Space className="toolbar" wrap>
        <TreeSelect
          allowClear
          showSearch
          treeNodeFilterProp="title"
          placeholder="全部机构"
          style={{ width: 280 }}
          treeData={orgOptions}
          treeDefaultExpandedKeys={orgOptions.map((o) => o.value)}
          onChange={(orgId?: string) => setQuery((q) => ({ ...q, orgId: orgId ?? '', page: 1 }))}
          aria-label="按机构筛选"
        />
        <Input.Search
          placeholder="按用户名或姓名搜索"
          allowClear
          style={{ width: 240 }}
          onSearch={(value) => setQuery((q) => ({ ...q, q: value.trim(), page: 1 }))}
        />
        <Button type="primary" onClick={() => open({ mode: 'create' })} disabled={!orgs}>新建用户</Button>
      </Space>
      {error && <Alert type="error" showIcon message="用户加载失败" description={error} action={<Button onClick={() => void load()}>重试</Button>} />}
      <Table<UserAccount>
        rowKey="id"
        size="middle"
        loading={loading}
        columns={columns}
        dataSource={page?.items ?? []}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: query.q || query.orgId ? '没有符合条件的用户' : '暂无用户' }}
        pagination={{
          current: query.page,
          pageSize,
          total: page?.total ?? 0,
          showSizeChanger: false,
          showTotal: (total) => `共 ${total} 个用户`,
          onChange: (p) => setQuery((q) => ({ ...q, page: p })),
        }}
      />
      <Modal
        title={title}
        open={editing !== null}
        onCancel={() => setEditing(null)}
        onOk={() => void save()}
        okText="保存"
        cancelText="取消"
        confirmLoading={saving}
        forceRender
        width={640}
      >
        <Form form={form} layout="vertical">
          <Row gutter={16}>
            {editing?.mode === 'create' && (
              <Col xs={24} sm={12}>
                <Form.Item
                  name="userName"
                  label="用户名"
                  tooltip="登录时使用，创建后不可修改。"
                  rules={[
                    { required: true, message: '请填写用户名' },
                    { pattern: /^[A-Za-z0-9._@+-]{1,50}$/, message: '用户名只能包含字母、数字和 - . _ @ + 符号' },
                  ]}
                >
                  <Input placeholder="例如 zhangsan" autoComplete="off" />
                </Form.Item>
              </Col>
            )}
            {editing?.mode !== 'password' && (
              <>
                <Col xs={24} sm={12}>
                  <Form.Item name="displayName" label="姓名" rules={[{ required: true, whitespace: true, message: '请填写姓名' }, { max: 50, message: '姓名不超过 50 个字' }]}>
                    <Input placeholder="例如 张三" />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={12}>
                  <Form.Item name="orgId" label="所属机构" rules={[{ required: true, message: '请选择所属机构' }]}>
                    <TreeSelect showSearch treeNodeFilterProp="title" placeholder="请选择所属机构" treeData={orgOptions} treeDefaultExpandedKeys={orgOptions.map((o) => o.value)} />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={12}>
                  <Form.Item name="email" label="电子邮箱（选填）" tooltip="用于接收待办和结果通知。" rules={[{ type: 'email', message: '电子邮箱格式不正确' }]}>
                    <Input placeholder="例如 zhangsan@example.cn" />
                  </Form.Item>
                </Col>
                <Col span={24}>
                  <Form.Item name="roles" label="角色" rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一个角色' }]}>
                    <Checkbox.Group options={roles.map((r) => ({ value: r.code, label: r.name }))} />
                  </Form.Item>
                </Col>
              </>
            )}
            {editing?.mode !== 'edit' && (
              <>
                <Col xs={24} sm={12}>
                  <Form.Item name="password" label={editing?.mode === 'create' ? '初始密码' : '新密码'} rules={passwordRules} hasFeedback>
                    <Input.Password autoComplete="new-password" />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={12}>
                  <Form.Item
                    name="confirm"
                    label="确认密码"
                    dependencies={['password']}
                    hasFeedback
                    rules={[
                      { required: true, message: '请再次输入密码' },
                      ({ getFieldValue }) => ({
                        validator: (_, value) => (!value || getFieldValue('password') === value ? Promise.resolve() : Promise.reject(new Error('两次输入的密码不一致'))),
                      }),
                    ]}
                  >
                    <Input.Password autoComplete="new-password" />
                  </Form.Item>
                </Col>
                <Col span={24}>
                  <Typography.Paragraph type="secondary">密码至少 8 位，须包含大写字母、小写字母和数字；请当面或通过安全渠道告知本人。</Typography.Paragraph>
                </Col>
              </>
            )}
          </Row>
        </Form>
      </Modal>
    </div>
  );
}
