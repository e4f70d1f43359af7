// The form designer's logic apart from React: the field types the form generator and the server's FormValidator
// both support, a new field, a field after its type changes (dropping what the new type has no use for), and the
// Chinese problems of a field, keyed by where the designer shows them.
import type { FormField, FormSchema } from '../../types';
import type { FieldKind } from '../../forms/schema';

export const fieldTypes: { value: FieldKind; label: string }[] = [
  { value: 'text', label: '单行文字' },
  { value: 'textarea', label: '多行文字' },
  { value: 'number', label: '数字' },
  { value: 'date', label: '日期' },
  { value: 'select', label: '单选' },
  { value: 'multiselect', label: '多选' },
  { value: 'boolean', label: '是/否' },
  { value: 'file', label: '附件' },
  { value: 'table', label: '表格' },
];

export const hasOptions = (type: string | undefined) => type === 'select' || type === 'multiselect';
export const hasRange = (type: string | undefined) => type === 'number';
export const hasLength = (type: string | undefined) => type === undefined || type === 'text' || type === 'textarea';

/** A field the form does not have yet: "field1", "field2", … */
export function newField(existing: readonly FormField[], prefix = 'field'): FormField {
  const taken = new Set(existing.map((f) => f.name));
  let n = existing.length + 1;
  while (taken.has(`${prefix}${n}`)) n++;
  return { name: `${prefix}${n}`, label: `新字段${n}`, type: 'text' };
}

/** The field with one property set; a blank or cleared value removes the property, as the JSON leaves it out. */
export function withProp<K extends keyof FormField>(field: FormField, key: K, value: FormField[K] | null | undefined): FormField {
  const next = { ...field };
  const blank = value === undefined || value === null || value === '' || (typeof value === 'number' && Number.isNaN(value)) ||
    (Array.isArray(value) && value.length === 0) || value === false;
  if (blank) delete next[key];
  else next[key] = value;
  return next;
}

/** The field as the new type has it: properties only another type reads are dropped, a table starts with one column. */
export function withType(field: FormField, type: FieldKind): FormField {
  const next: FormField = { ...field, type };
  if (!hasOptions(type)) {
    delete next.options;
    delete next.optionsFrom;
  }
  if (!hasRange(type)) {
    delete next.min;
    delete next.max;
  }
  if (!hasLength(type)) {
    delete next.maxLength;
    delete next.pattern;
  }
  if (type === 'table') next.columns = field.columns?.length ? field.columns : [newField([], 'column')];
  else delete next.columns;
  return next;
}

const identifier = /^[A-Za-z][A-Za-z0-9_]*$/;

/** Why the name cannot be a field's: blank, not an identifier, or another field's. Null when it can. */
export function nameProblem(name: string, others: readonly string[]): string | null {
  if (name.trim() === '') return '请填写字段标识。';
  if (!identifier.test(name)) return '字段标识须以英文字母开头，只能包含英文字母、数字和下划线。';
  if (others.includes(name)) return `字段标识“${name}”已被其他字段使用。`;
  return null;
}

/** Problems by where they show: "fields[0].name", "fields[2].columns[1].label"; empty when the form is fine. */
export function formProblems(form: FormSchema): Record<string, string> {
  const problems: Record<string, string> = {};
  if (!form.title?.trim()) problems['title'] = '请填写表单标题。';
  if (form.fields.length === 0) problems['fields'] = '表单至少需要一个字段。';
  collectFieldProblems(form.fields, 'fields', problems);
  return problems;
}

function collectFieldProblems(fields: readonly FormField[], prefix: string, problems: Record<string, string>): void {
  fields.forEach((field, index) => {
    const at = `${prefix}[${index}]`;
    const others = fields.filter((_, i) => i !== index).map((f) => f.name);
    const name = nameProblem(field.name, others);
    if (name) problems[`${at}.name`] = name;
    if (!field.label?.trim()) problems[`${at}.label`] = '请填写字段名称。';
    if (hasOptions(field.type) && !field.optionsFrom && !(field.options?.length)) {
      problems[`${at}.options`] = '请填写选项，或选择选项来源。';
    }
    if (field.options && new Set(field.options).size !== field.options.length) problems[`${at}.options`] = '选项不能重复。';
    if (field.min != null && field.max != null && field.min > field.max) problems[`${at}.max`] = '最大值不能小于最小值。';
    if (field.maxLength != null && (!Number.isInteger(field.maxLength) || field.maxLength < 1)) {
      problems[`${at}.maxLength`] = '最多字数应为正整数。';
    }
    if (field.pattern) {
      try {
        new RegExp(field.pattern);
      } catch {
        problems[`${at}.pattern`] = '格式（正则表达式）无效。';
      }
    }
    if (field.type === 'table') {
      if (!field.columns?.length) problems[`${at}.columns`] = '表格至少需要一列。';
      else if (field.columns.some((c) => c.type === 'table')) problems[`${at}.columns`] = '表格的列不能再是表格。';
      collectFieldProblems(field.columns ?? [], `${at}.columns`, problems);
    }
  });
}
