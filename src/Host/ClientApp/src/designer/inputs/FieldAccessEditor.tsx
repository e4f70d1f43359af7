// 字段权限: each field of the start form with 默认 / 可编辑 / 只读 / 隐藏 for the person at this step; 默认 leaves the
// field unlisted (read-only once any field is listed), and nothing listed leaves the step unrestricted.
import { Empty, Radio, Table, Typography } from 'antd';
import type { FormField } from '../../types';
import { accessLevels, setFieldAccess, type AccessLevel } from './values';

interface FieldAccessEditorProps {
  testId: string;
  label: string;
  value: Record<string, string> | undefined;
  onChange: (value: Record<string, string> | undefined) => void;
  fields: FormField[];
}

interface Row {
  name: string;
  label: string;
  missing: boolean;
}

export function FieldAccessEditor({ testId, label, value, onChange, fields }: FieldAccessEditorProps) {
  const rows: Row[] = [
    ...fields.map((f) => ({ name: f.name, label: f.label || f.name, missing: false })),
    // A listed field the form no longer has: shown so it can be set back to 默认.
    ...Object.keys(value ?? {}).filter((name) => !fields.some((f) => f.name === name)).map((name) => ({ name, label: name, missing: true })),
  ];
  if (rows.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="申请表还没有字段" />;
  return (
    <div data-testid={testId}>
      <Typography.Paragraph type="secondary" className="designer-note">
        {value ? '未设置的字段在本环节只读。' : '都为默认时本环节不限制字段权限。'}
      </Typography.Paragraph>
      <Table<Row>
        size="small"
        pagination={false}
        rowKey="name"
        dataSource={rows}
        aria-label={label}
        columns={[
          {
            title: '字段',
            dataIndex: 'label',
            render: (_, row) => (
              <span>
                {row.label}
                {row.missing && <Typography.Text type="danger">（申请表中没有此字段）</Typography.Text>}
              </span>
            ),
          },
          {
            title: '权限',
            render: (_, row) => (
              <Radio.Group
                size="small"
                data-testid={`${testId}-${row.name}`}
                aria-label={`${row.label}的权限`}
                value={value?.[row.name] ?? 'default'}
                onChange={(e) => onChange(setFieldAccess(value, row.name, e.target.value as AccessLevel | 'default'))}
                options={[{ value: 'default', label: '默认' }, ...accessLevels]}
              />
            ),
          },
        ]}
      />
    </div>
  );
}
