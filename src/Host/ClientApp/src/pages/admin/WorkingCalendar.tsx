// 工作日历: a month of the working-day calendar deadlines are counted with, 休 and 班 marked; an administrator
// clicks a date to add an adjustment (a local day off or a make-up working day) or to remove one.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Calendar, Descriptions, Form, Input, Modal, Radio, Select, Space, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { api, ApiError } from '../../api';
import { dayMarks, monthWorkingDays, suggestedOffDay, type DayMark } from '../../admin/calendarMarks';
import type { CalendarYear } from '../../admin/types';

interface Values {
  isOffDay: boolean;
  name?: string;
}

const firstYear = 2000;
const lastYear = 2100;

export default function WorkingCalendar() {
  const { message, modal } = App.useApp();
  const [shown, setShown] = useState<Dayjs>(() => dayjs());
  const [year, setYear] = useState<CalendarYear | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [picked, setPicked] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<Values>();
  const shownYear = shown.year();

  const load = useCallback(async () => {
    setError(null);
    try {
      setYear(await api.get<CalendarYear>(`/api/calendar?year=${shownYear}`));
    } catch (e) {
      setError(e instanceof Error ? e.message : '加载失败');
    }
  }, [shownYear]);

  useEffect(() => {
    void load();
  }, [load]);

  const marks = useMemo(() => (year && year.year === shownYear ? dayMarks(year) : new Map<string, DayMark>()), [year, shownYear]);
  const pickedMark = picked ? marks.get(picked) : undefined;

  const pick = (date: string) => {
    form.resetFields();
    form.setFieldsValue({ isOffDay: suggestedOffDay(date, marks.get(date)) });
    setPicked(date);
  };

  const add = async () => {
    const values = await form.validateFields();
    setSaving(true);
    try {
      await api.post('/api/calendar/overrides', { date: picked, isOffDay: values.isOffDay, name: values.name });
      message.success(`已将 ${picked} 调整为${values.isOffDay ? '休息日' : '工作日'}`);
      setPicked(null);
      await load();
    } catch (e) {
      if (e instanceof ApiError && e.fieldErrors.name) {
        form.setFields([{ name: 'name', errors: e.fieldErrors.name }]);
      } else {
        message.error(e instanceof Error ? e.message : '保存失败');
      }
    } finally {
      setSaving(false);
    }
  };

  const remove = (date: string) =>
    modal.confirm({
      title: `删除 ${date} 的调整？`,
      content: '删除后该日恢复为国家规定或正常的周末、工作日安排。',
      okText: '删除',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: async () => {
        try {
          await api.delete(`/api/calendar/overrides/${date}`);
          message.success(`已删除 ${date} 的调整`);
          setPicked(null);
          await load();
        } catch (e) {
          message.error(e instanceof Error ? e.message : '删除失败');
        }
      },
    });

  const cell = (date: Dayjs) => {
    const mark = marks.get(date.format('YYYY-MM-DD'));
    if (!mark) return null;
    return (
      <div className={`calendar-mark ${mark.isOffDay ? 'calendar-off' : 'calendar-work'}`} data-testid={`mark-${date.format('YYYY-MM-DD')}`}>
        <span className="calendar-badge">{mark.label}</span>
        <span className="calendar-name">{mark.name}</span>
        {mark.overridden && <span className="calendar-override">管理员调整</span>}
      </div>
    );
  };

  const working = year && year.year === shownYear ? monthWorkingDays(year, shown.month() + 1) : null;
  return (
    <div>
      {error && <Alert type="error" showIcon message="工作日历加载失败" description={error} action={<Button onClick={() => void load()}>重试</Button>} />}
      {year && year.year === shownYear && !year.hasOfficialData && (
        <Alert type="warning" showIcon message={`系统未内置 ${shownYear} 年国务院放假安排，除管理员调整外仅按周末计算休息日。`} />
      )}
      <Calendar
        className="working-calendar"
        value={shown}
        validRange={[dayjs(`${firstYear}-01-01`), dayjs(`${lastYear}-12-31`)]}
        onPanelChange={(value) => setShown(value)}
        onSelect={(value, info) => {
          setShown(value);
          if (info.source === 'date') pick(value.format('YYYY-MM-DD'));
        }}
        cellRender={(value, info) => (info.type === 'date' ? cell(value) : null)}
        headerRender={({ value, onChange }) => (
          <Space className="calendar-header" wrap>
            <Select
              aria-label="年份"
              value={value.year()}
              style={{ width: 110 }}
              options={Array.from({ length: 11 }, (_, i) => dayjs().year() - 5 + i).map((y) => ({ value: y, label: `${y} 年` }))}
              onChange={(y: number) => onChange(value.year(y))}
            />
            <Select
              aria-label="月份"
              value={value.month()}
              style={{ width: 90 }}
              options={Array.from({ length: 12 }, (_, m) => ({ value: m, label: `${m + 1} 月` }))}
              onChange={(m: number) => onChange(value.month(m))}
            />
            <Button onClick={() => onChange(value.subtract(1, 'month'))}>上个月</Button>
            <Button onClick={() => onChange(value.add(1, 'month'))}>下个月</Button>
            <Button onClick={() => onChange(dayjs())}>本月</Button>
            <Typography.Text data-testid="month-working-days">
              {working === null ? '正在加载…' : `本月工作日 ${working} 天`}
              {year && year.year === shownYear ? `，全年 ${year.workingDays} 天` : ''}
            </Typography.Text>
            <Space size="small" className="calendar-legend">
              <span className="calendar-badge calendar-off">休</span>放假
              <span className="calendar-badge calendar-work">班</span>调休上班
              <Typography.Text type="secondary">点击日期可添加或删除调整</Typography.Text>
            </Space>
          </Space>
        )}
      />
      <Modal
        title={picked ? `${picked} ${dayjs(picked).format('dddd')}` : ''}
        open={picked !== null}
        onCancel={() => setPicked(null)}
        forceRender
        footer={
          pickedMark?.overridden
            ? [
                <Button key="close" onClick={() => setPicked(null)}>关闭</Button>,
                <Button key="remove" danger onClick={() => picked && remove(picked)}>删除调整</Button>,
              ]
            : [
                <Button key="cancel" onClick={() => setPicked(null)}>取消</Button>,
                <Button key="save" type="primary" loading={saving} onClick={() => void add()}>保存调整</Button>,
              ]
        }
      >
        {pickedMark && (
          <Descriptions size="small" column={1} style={{ marginBottom: 16 }}>
            <Descriptions.Item label="当前安排">
              <Tag color={pickedMark.isOffDay ? 'red' : 'blue'}>{pickedMark.isOffDay ? '放假' : '上班'}</Tag>
              {pickedMark.name}
            </Descriptions.Item>
            <Descriptions.Item label="来源">{pickedMark.overridden ? '管理员调整' : '国家规定'}</Descriptions.Item>
          </Descriptions>
        )}
        <Form form={form} layout="vertical" hidden={pickedMark?.overridden === true}>
          <Form.Item name="isOffDay" label="调整为">
            <Radio.Group
              options={[
                { value: true, label: '放假（休）' },
                { value: false, label: '上班（班）' },
              ]}
            />
          </Form.Item>
          <Form.Item name="name" label="原因" rules={[{ required: true, whitespace: true, message: '请填写调整原因' }, { max: 100, message: '原因不超过 100 个字' }]}>
            <Input placeholder="例如 自治区成立纪念日调休" />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
