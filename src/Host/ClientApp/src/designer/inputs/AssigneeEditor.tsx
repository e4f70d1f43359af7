// Who a step is for: a role at an organisation named relative to the applicant or a form field, or picked from the
// tree, or one person; and a list of such (会签人员). The choices come from GET /api/definitions/assignee-options.
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Alert, Button, Radio, Select, Space, Spin, TreeSelect, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { api } from '../../api';
import { buildOrgTree, toTreeSelect } from '../../admin/orgTree';
import type { OrganizationTree, UserAccount } from '../../admin/types';
import type { FormField, Page } from '../../types';
import {
  fixedOrgChoice, fieldPlaceholder, fromDraft, orgChoices, roleChoices, toDraft, type AssigneeDraft, type AssigneeOptions,
} from './assignee';
import { useRemote } from './remote';
import { moveItem, removeItem, replaceItem } from './values';

interface AssigneeEditorProps {
  testId: string;
  label: string;
  value: unknown;
  onChange: (value: unknown) => void;
  fields: FormField[];
  id?: string;
}

/** The people a search finds, as user options; the keyword users (申请人本人) first. */
function useUserSearch(options: AssigneeOptions, current: string | undefined) {
  const [found, setFound] = useState<UserAccount[]>([]);
  const [searching, setSearching] = useState(false);
  const sequence = useRef(0);
  const search = async (words: string) => {
    const mine = ++sequence.current;
    if (words.trim() === '') {
      setFound([]);
      return;
    }
    setSearching(true);
    try {
      const page = await api.get<Page<UserAccount>>(`/api/users?q=${encodeURIComponent(words.trim())}&pageSize=20`);
      if (mine === sequence.current) setFound(page.items);
    } catch {
      if (mine === sequence.current) setFound([]);
    } finally {
      if (mine === sequence.current) setSearching(false);
    }
  };
  const choices = [
    ...options.users.map((u) => ({ value: u.id, label: u.displayName })),
    ...found.map((u) => ({ value: u.id, label: `${u.displayName}（${u.userName}）${u.orgName ? ` · ${u.orgName}` : ''}` })),
  ];
  if (current && !choices.some((c) => c.value === current)) choices.push({ value: current, label: `用户 ${current}` });
  return { choices, search, searching };
}

function AssigneePicker({ testId, label, value, onChange, fields, id, options }: AssigneeEditorProps & { options: AssigneeOptions }) {
  const [draft, setDraft] = useState<AssigneeDraft>(() => toDraft(value, options.orgs));
  const sent = useRef(JSON.stringify(value ?? null));
  useEffect(() => {
    const incoming = JSON.stringify(value ?? null);
    if (incoming !== sent.current) {
      sent.current = incoming;
      setDraft(toDraft(value, options.orgs));
    }
  }, [value, options.orgs]);

  const update = (next: AssigneeDraft) => {
    setDraft(next);
    const stored = fromDraft(next);
    sent.current = JSON.stringify(stored ?? null);
    onChange(stored);
  };

  const tree = useRemote<OrganizationTree>('/api/organizations');
  const treeData = useMemo(() => (tree.state === 'loaded' ? toTreeSelect(buildOrgTree(tree.data.items)) : []), [tree]);
  const users = useUserSearch(options, draft.user);
  const needsField = draft.org?.includes(fieldPlaceholder) ?? false;

  return (
    <Space orientation="vertical" size={6} className="designer-assignee">
      <Radio.Group
        data-testid={`${testId}-mode`}
        aria-label={`${label}的指定方式`}
        value={draft.mode}
        onChange={(e) => update({ mode: e.target.value as AssigneeDraft['mode'] })}
        options={[
          { value: 'role', label: '按角色和单位' },
          { value: 'user', label: '指定人员' },
        ]}
      />
      {draft.mode === 'role' ? (
        <>
          <Select<string>
            id={id}
            data-testid={`${testId}-role`}
            aria-label={`${label}的角色`}
            placeholder="请选择角色"
            allowClear
            value={draft.role}
            onChange={(role) => update({ ...draft, role })}
            options={roleChoices(options)}
          />
          <Select<string>
            data-testid={`${testId}-org`}
            aria-label={`${label}的单位`}
            placeholder="请选择单位"
            allowClear
            value={draft.org}
            onChange={(org) => update({ mode: 'role', role: draft.role, org })}
            options={orgChoices(options)}
          />
          {needsField && (
            <Select<string>
              data-testid={`${testId}-field`}
              aria-label={`${label}的单位所在的表单字段`}
              placeholder="请选择填写单位的表单字段"
              value={draft.field}
              onChange={(field) => update({ ...draft, field })}
              options={fields.map((f) => ({ value: f.name, label: `${f.label}（${f.name}）` }))}
              notFoundContent="申请表还没有字段"
              status={draft.field ? undefined : 'warning'}
            />
          )}
          {draft.org === fixedOrgChoice && (
            tree.state === 'failed' ? (
              <Alert type="error" showIcon title={`组织机构加载失败：${tree.error}`} />
            ) : (
              <TreeSelect
                data-testid={`${testId}-fixed-org`}
                aria-label={`${label}的指定单位`}
                placeholder="请从组织机构中选择单位"
                loading={tree.state === 'loading'}
                showSearch
                treeNodeFilterProp="title"
                value={draft.fixedOrg}
                onChange={(fixedOrg: string) => update({ ...draft, fixedOrg })}
                treeData={treeData}
                treeDefaultExpandedKeys={treeData.map((o) => o.value)}
                notFoundContent={tree.state === 'loading' ? '正在加载…' : '没有匹配的单位'}
              />
            )
          )}
          {!draft.role && draft.org && <Typography.Text type="warning">请选择角色：单位中持有该角色的人员办理。</Typography.Text>}
        </>
      ) : (
        <Select<string>
          id={id}
          data-testid={`${testId}-user`}
          aria-label={`${label}的指定人员`}
          placeholder="输入姓名或用户名查找人员"
          allowClear
          showSearch={{ filterOption: false, onSearch: (words) => void users.search(words) }}
          loading={users.searching}
          value={draft.user}
          onChange={(user) => update({ mode: 'user', user })}
          options={users.choices}
          notFoundContent={users.searching ? '正在查找…' : '没有找到人员'}
        />
      )}
    </Space>
  );
}

/** The options once loaded; while loading a spinner, on failure the reason (the JSON editor stays usable in the panel). */
function WithOptions({ children }: { children: (options: AssigneeOptions) => ReactNode }) {
  const remote = useRemote<AssigneeOptions>('/api/definitions/assignee-options');
  if (remote.state === 'loading') return <Spin size="small" description="正在加载角色和单位…" />;
  if (remote.state === 'failed') return <Alert type="error" showIcon title={`办理人选项加载失败：${remote.error}`} />;
  return <>{children(remote.data)}</>;
}

export function AssigneeEditor(props: AssigneeEditorProps) {
  return <WithOptions>{(options) => <AssigneePicker {...props} options={options} />}</WithOptions>;
}

/** 会签人员 and the like: an ordered list of assignees. A single stored assignee is read as a list of one. */
export function AssigneeListEditor({ testId, label, value, onChange, fields, id }: AssigneeEditorProps) {
  const items: unknown[] = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  const set = (next: unknown[]) => onChange(next.length === 0 ? undefined : next);
  return (
    <WithOptions>
      {(options) => (
        <Space orientation="vertical" size={8} className="designer-list">
          {items.length === 0 && <Typography.Text type="secondary">还没有人员，请添加。</Typography.Text>}
          {items.map((item, index) => (
            <div key={index} className="designer-list-item">
              <div className="designer-list-item-head">
                <Typography.Text strong>第 {index + 1} 位</Typography.Text>
                <Space size={2}>
                  <Button size="small" type="text" icon={<ArrowUpOutlined />} aria-label={`上移第 ${index + 1} 位`}
                    data-testid={`${testId}-${index}-up`} disabled={index === 0} onClick={() => set(moveItem(items, index, index - 1))} />
                  <Button size="small" type="text" icon={<ArrowDownOutlined />} aria-label={`下移第 ${index + 1} 位`}
                    data-testid={`${testId}-${index}-down`} disabled={index === items.length - 1} onClick={() => set(moveItem(items, index, index + 1))} />
                  <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={`删除第 ${index + 1} 位`}
                    data-testid={`${testId}-${index}-remove`} onClick={() => set(removeItem(items, index))} />
                </Space>
              </div>
              <AssigneePicker
                testId={`${testId}-${index}`}
                label={`${label}第 ${index + 1} 位`}
                value={item}
                onChange={(v) => set(replaceItem(items, index, v ?? {}))}
                fields={fields}
                id={index === 0 ? id : undefined}
                options={options}
              />
            </div>
          ))}
          <Button icon={<PlusOutlined />} data-testid={`${testId}-add`} onClick={() => set([...items, {}])}>添加人员</Button>
        </Space>
      )}
    </WithOptions>
  );
}
