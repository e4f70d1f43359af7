import { describe, expect, it } from 'vitest';
import type { FormSchema } from '../../types';
import { formProblems, nameProblem, newField, withProp, withType } from './formDesign';

const form = (fields: FormSchema['fields'], title = '专业增设备案申请表'): FormSchema => ({ id: 'start', title, fields });

describe('form designer', () => {
  it('checks a field name: given, an identifier, not another field’s', () => {
    expect(nameProblem('', [])).toBe('请填写字段标识。');
    expect(nameProblem('专业', [])).toMatch(/英文字母开头/);
    expect(nameProblem('1st', [])).toMatch(/英文字母开头/);
    expect(nameProblem('major name', [])).toMatch(/英文字母开头/);
    expect(nameProblem('majorName', ['majorName'])).toBe('字段标识“majorName”已被其他字段使用。');
    expect(nameProblem('major_name2', ['majorName'])).toBeNull();
  });

  it('names a new field so it clashes with none', () => {
    expect(newField([{ name: 'field2', label: 'x' }, { name: 'a', label: 'y' }])).toEqual({ name: 'field3', label: '新字段3', type: 'text' });
    expect(newField([{ name: 'field1', label: 'x' }]).name).toBe('field2');
  });

  it('drops what a new type has no use for and starts a table with a column', () => {
    const select = { name: 'level', label: '级别', type: 'select', options: ['国家级'], maxLength: 10 };
    expect(withType(select, 'number')).toEqual({ name: 'level', label: '级别', type: 'number' });
    const table = withType({ name: 'teachers', label: '师资' }, 'table');
    expect(table.columns).toEqual([{ name: 'column1', label: '新字段1', type: 'text' }]);
    expect(withType(table, 'text').columns).toBeUndefined();
  });

  it('removes a property set blank, as the JSON leaves it out', () => {
    const field = { name: 'n', label: 'l', required: true, help: '说明' };
    expect(withProp(field, 'required', false)).toEqual({ name: 'n', label: 'l', help: '说明' });
    expect(withProp(field, 'help', '')).toEqual({ name: 'n', label: 'l', required: true });
    expect(withProp(field, 'maxLength', 20)).toEqual({ ...field, maxLength: 20 });
  });

  it('reports every problem in Chinese where it shows, table columns included', () => {
    const problems = formProblems(form([
      { name: 'majorName', label: '专业名称' },
      { name: 'majorName', label: '' },
      { name: 'level', label: '级别', type: 'select' },
      { name: 'teachers', label: '人数', type: 'number', min: 10, max: 1 },
      { name: 'rows', label: '明细', type: 'table', columns: [{ name: 'bad name', label: '列' }] },
      { name: 'code', label: '代码', pattern: '(' },
    ], ' '));
    expect(problems).toEqual({
      'title': '请填写表单标题。',
      'fields[0].name': '字段标识“majorName”已被其他字段使用。',
      'fields[1].name': '字段标识“majorName”已被其他字段使用。',
      'fields[1].label': '请填写字段名称。',
      'fields[2].options': '请填写选项，或选择选项来源。',
      'fields[3].max': '最大值不能小于最小值。',
      'fields[4].columns[0].name': '字段标识须以英文字母开头，只能包含英文字母、数字和下划线。',
      'fields[5].pattern': '格式（正则表达式）无效。',
    });
  });

  it('has no problems for a sound form, and one for a form with no fields', () => {
    expect(formProblems(form([
      { name: 'majors', label: '专业', type: 'select', optionsFrom: 'majors', required: true },
      { name: 'rows', label: '明细', type: 'table', columns: [{ name: 'name', label: '姓名' }] },
    ]))).toEqual({});
    expect(formProblems(form([]))).toEqual({ fields: '表单至少需要一个字段。' });
  });
});
