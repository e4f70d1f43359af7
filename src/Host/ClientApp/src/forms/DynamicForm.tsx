// The form generator: the fields of a definition's form schema as antd form items, with the rules of schema.ts.
import { useEffect, useState } from 'react';
import { Button, Checkbox, DatePicker, Descriptions, Form, Input, InputNumber, Select, Space, Table, Upload } from 'antd';
import { DeleteOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { api } from '../api';
import type { AttachmentView, FormField, ReferenceList } from '../types';
import { displayValue, kindOf, rulesFor } from './schema';

const referenceLists = new Map<string, Promise<ReferenceList>>();

function useOptions(field: FormField): { value: string; label: string }[] {
  const [loaded, setLoaded] = useState<{ value: string; label: string }[]>([]);
  useEffect(() => {
    if (!field.optionsFrom) return;
    let promise = referenceLists.get(field.optionsFrom);
    if (!promise) {
      promise = api.get<ReferenceList>(`/api/reference-lists/${encodeURIComponent(field.optionsFrom)}`);
      promise.catch(() => referenceLists.delete(field.optionsFrom!));
      referenceLists.set(field.optionsFrom, promise);
    }
    promise.then(
      (list) => setLoaded(list.items.filter((i) => i.active).map((i) => ({ value: i.code, label: `${i.code} ${i.name}` }))),
      () => setLoaded([]),
    );
  }, [field.optionsFrom]);
  return field.optionsFrom ? loaded : (field.options ?? []).map((o) => ({ value: o, label: o }));
}

interface FileValueProps {
  value?: string;
  onChange?: (value: string | undefined) => void;
  label: string;
  /** The case's files, to name one a revised form already holds. */
  known: AttachmentView[];
}

/** A file field holds the id of an attachment uploaded to /api/attachments. */
function FileInput({ value, onChange, label, known }: FileValueProps) {
  const [name, setName] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  return (
    <Space direction="vertical" size={4}>
      <Upload
        showUploadList={false}
        customRequest={async ({ file, onSuccess, onError }) => {
          setError(null);
          try {
            const uploaded = await api.upload<AttachmentView>('/api/attachments', file as File);
            setName(uploaded.fileName);
            onChange?.(uploaded.id);
            onSuccess?.(uploaded);
          } catch (e) {
            setError(e instanceof Error ? e.message : '上传失败');
            onError?.(e as Error);
          }
        }}
      >
        <Button icon={<UploadOutlined />} aria-label={`上传${label}`}>{value ? '重新上传' : '上传文件'}</Button>
      </Upload>
      {value && <span className="file-name">已上传：{name ?? known.find((a) => a.id === value)?.fileName ?? value}</span>}
      {error && <span className="field-error">{error}</span>}
    </Space>
  );
}

interface FieldInputProps {
  field: FormField;
  known: AttachmentView[];
  value?: unknown;
  onChange?: (v: unknown) => void;
  id?: string;
}

function FieldInput({ field, known, ...rest }: FieldInputProps) {
  const options = useOptions(field);
  const kind = kindOf(field);
  const props = rest as Record<string, unknown>;
  switch (kind) {
    case 'textarea':
      return <Input.TextArea {...props} rows={3} maxLength={field.maxLength} showCount={field.maxLength != null} placeholder={`请填写${field.label}`} />;
    case 'number':
      // No min/max on the input: it would silently clamp the value; the rule says what is wrong instead.
      return <InputNumber {...props} style={{ width: 200 }} placeholder="请输入数字" />;
    case 'select':
    case 'multiselect':
      return (
        <Select
          {...props}
          mode={kind === 'multiselect' ? 'multiple' : undefined}
          options={options}
          showSearch={{ optionFilterProp: 'label' }}
          allowClear
          placeholder={`请选择${field.label}`}
          notFoundContent="无匹配选项"
        />
      );
    case 'boolean':
      return <Checkbox checked={Boolean(rest.value)} onChange={(e) => rest.onChange?.(e.target.checked)} id={rest.id}>是</Checkbox>;
    case 'date':
      return <DatePicker {...props} placeholder="请选择日期" />;
    case 'file':
      return <FileInput value={rest.value as string | undefined} onChange={rest.onChange} label={field.label} known={known} />;
    case 'table':
      return null;
    default:
      return <Input {...props} maxLength={field.maxLength} placeholder={`请填写${field.label}`} />;
  }
}

function TableField({ field, known }: { field: FormField; known: AttachmentView[] }) {
  const columns = field.columns ?? [];
  return (
    <Form.List name={field.name} rules={[{ validator: (_r, rows: unknown[] | undefined) => (field.required && !rows?.length ? Promise.reject(new Error(`请至少填写一行${field.label}`)) : Promise.resolve()) }]}>
      {(rows, { add, remove }, { errors }) => (
        <>
          <Table
            size="small"
            pagination={false}
            rowKey="key"
            dataSource={rows}
            locale={{ emptyText: '暂无数据，请点击“添加一行”' }}
            scroll={{ x: 'max-content' }}
            columns={[
              ...columns.map((column) => ({
                title: column.label,
                key: column.name,
                render: (_: unknown, row: { name: number }) => (
                  <Form.Item name={[row.name, column.name]} rules={rulesFor(column)} style={{ margin: 0 }}>
                    <FieldInput field={column} known={known} />
                  </Form.Item>
                ),
              })),
              {
                title: '操作',
                key: 'remove',
                render: (_: unknown, row: { name: number }) => <Button type="link" icon={<DeleteOutlined />} onClick={() => remove(row.name)}>删除</Button>,
              },
            ]}
          />
          <Button type="dashed" icon={<PlusOutlined />} onClick={() => add()} style={{ marginTop: 8 }}>
            添加一行
          </Button>
          <Form.ErrorList errors={errors} />
        </>
      )}
    </Form.List>
  );
}

/** The schema's fields as form items; put them inside an antd Form. `attachments`: the case's files, when revising it. */
export function FormFields({ fields, attachments = [] }: { fields: FormField[]; attachments?: AttachmentView[] }) {
  return (
    <>
      {fields.map((field) =>
        kindOf(field) === 'table' ? (
          <Form.Item key={field.name} label={field.label} required={field.required} extra={field.help}>
            <TableField field={field} known={attachments} />
          </Form.Item>
        ) : (
          <Form.Item key={field.name} name={field.name} label={field.label} extra={field.help} rules={rulesFor(field)} valuePropName="value">
            <FieldInput field={field} known={attachments} />
          </Form.Item>
        ),
      )}
    </>
  );
}

function ReadOnlyValue({ field, value, attachments }: { field: FormField; value: unknown; attachments: AttachmentView[] }) {
  const options = useOptions(field);
  const kind = kindOf(field);
  if (kind === 'file' && typeof value === 'string') {
    const file = attachments.find((a) => a.id === value);
    return <a href={`/api/attachments/${value}`}>{file?.fileName ?? '下载附件'}</a>;
  }
  if (kind === 'table' && Array.isArray(value)) {
    const columns = field.columns ?? [];
    return (
      <Table
        size="small"
        pagination={false}
        rowKey={(_r, i) => String(i)}
        dataSource={value as Record<string, unknown>[]}
        columns={columns.map((c) => ({ title: c.label, key: c.name, render: (_: unknown, row: Record<string, unknown>) => displayValue(c, row[c.name]) }))}
      />
    );
  }
  return <>{displayValue(field, value, new Map(options.map((o) => [o.value, o.label])))}</>;
}

/** A submitted form, read-only. */
export function FormView({ fields, values, attachments }: { fields: FormField[]; values: Record<string, unknown>; attachments: AttachmentView[] }) {
  return (
    <Descriptions bordered column={1} size="small" styles={{ label: { width: 160 } }}>
      {fields.map((field) => (
        <Descriptions.Item key={field.name} label={field.label}>
          <ReadOnlyValue field={field} value={values[field.name]} attachments={attachments} />
        </Descriptions.Item>
      ))}
    </Descriptions>
  );
}
