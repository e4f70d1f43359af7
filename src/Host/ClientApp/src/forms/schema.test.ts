import { describe, expect, it } from 'vitest';
import dayjs from 'dayjs';
import { checkValue, kindOf, rulesFor, startFormOf, toFormValues, toPayload } from './schema';
import type { DefinitionBody, FormField } from '../types';

const definition: DefinitionBody = {
  id: 'p',
  name: '流程',
  forms: [
    { id: 'other', fields: [] },
    { id: 'apply', title: '申请表', fields: [{ name: 'a', label: '甲', type: 'text' }] },
  ],
  nodes: [
    { id: 'start', kind: 'Start', inputs: { form: 'apply' } },
    { id: 'end', kind: 'End' },
  ],
};

describe('startFormOf', () => {
  it('takes the form the Start node names', () => {
    expect(startFormOf(definition)?.title).toBe('申请表');
  });

  it('falls back to the form called start, and to none', () => {
    const plain: DefinitionBody = { ...definition, nodes: [{ id: 's', kind: 'Start' }], forms: [{ id: 'start', fields: [] }] };
    expect(startFormOf(plain)?.id).toBe('start');
    expect(startFormOf({ ...plain, forms: [] })).toBeNull();
  });
});

describe('checkValue', () => {
  const text: FormField = { name: 'n', label: '专业名称', type: 'text', required: true, maxLength: 4, pattern: '[一-龥]+' };
  const number: FormField = { name: 'c', label: '计划招生人数', type: 'number', required: true, min: 1, max: 100 };

  it('asks for a required value in Chinese, by kind', () => {
    expect(checkValue(text, '')).toBe('请填写专业名称');
    expect(checkValue({ name: 's', label: '专业', type: 'select', required: true }, undefined)).toBe('请选择专业');
    expect(checkValue({ name: 'f', label: '佐证材料', type: 'file', required: true }, null)).toBe('请上传佐证材料');
    expect(checkValue({ name: 't', label: '教师', type: 'table', required: true }, [])).toBe('请至少填写一行教师');
  });

  it('lets an optional empty value and an unticked boolean pass', () => {
    expect(checkValue({ ...text, required: false }, '')).toBeNull();
    expect(checkValue({ name: 'b', label: '是否', type: 'boolean', required: true }, undefined)).toBeNull();
  });

  it('checks min and max of numbers', () => {
    expect(checkValue(number, 0)).toBe('计划招生人数不能小于 1');
    expect(checkValue(number, 101)).toBe('计划招生人数不能大于 100');
    expect(checkValue(number, 45)).toBeNull();
  });

  it('checks length and the whole-value pattern of texts', () => {
    expect(checkValue(text, '数控加工技术')).toBe('专业名称不能超过 4 个字');
    expect(checkValue(text, 'ab')).toBe('专业名称的格式不正确');
    expect(checkValue(text, '数控')).toBeNull();
  });

  it('keeps choices to the options', () => {
    const select: FormField = { name: 's', label: '类型', type: 'select', options: ['甲', '乙'] };
    expect(checkValue(select, '丙')).toBe('类型只能从选项中选择');
    expect(checkValue({ ...select, type: 'multiselect' }, ['甲', '丙'])).toBe('类型只能从选项中选择');
    expect(checkValue({ ...select, type: 'multiselect' }, ['甲', '乙'])).toBeNull();
  });

  it('treats an unknown type as text', () => {
    expect(kindOf({ name: 'x', label: 'x', type: 'colour' })).toBe('text');
  });
});

describe('rulesFor', () => {
  it('marks required fields and rejects with the message', async () => {
    const [rule] = rulesFor({ name: 'c', label: '教师人数', type: 'number', required: true, min: 0 });
    expect(rule?.required).toBe(true);
    await expect(rule?.validator?.({}, -1)).rejects.toThrow('教师人数不能小于 0');
    await expect(rule?.validator?.({}, 3)).resolves.toBeUndefined();
  });
});

describe('payload conversion', () => {
  const fields: FormField[] = [
    { name: 'opened', label: '开设日期', type: 'date' },
    { name: 'note', label: '说明', type: 'text' },
    { name: 'rows', label: '教师', type: 'table', columns: [{ name: 'since', label: '入职', type: 'date' }, { name: 'name', label: '姓名' }] },
  ];

  it('writes dates as yyyy-MM-dd, leaves out empty values and converts table rows', () => {
    const payload = toPayload(fields, { opened: dayjs('2026-09-01'), note: '', rows: [{ since: dayjs('2020-03-05'), name: '王' }] });
    expect(payload).toEqual({ opened: '2026-09-01', rows: [{ since: '2020-03-05', name: '王' }] });
  });

  it('reads a saved form back into form values', () => {
    const values = toFormValues(fields, { opened: '2026-09-01', rows: [{ since: '2020-03-05', name: '王' }] });
    expect(dayjs.isDayjs(values['opened'])).toBe(true);
    expect(toPayload(fields, values)).toEqual({ opened: '2026-09-01', rows: [{ since: '2020-03-05', name: '王' }] });
  });
});
