// The form generator's logic, apart from React: which form a definition starts with, the validation rules of each
// field (the same checks the server makes, with Chinese messages) and the conversion between what the form holds
// (dayjs dates, booleans) and what the API takes.
import dayjs, { type Dayjs } from 'dayjs';
import type { DefinitionBody, FormField, FormSchema } from '../types';

export type FieldKind = 'text' | 'textarea' | 'number' | 'select' | 'multiselect' | 'boolean' | 'date' | 'file' | 'table';

const kinds: readonly FieldKind[] = ['text', 'textarea', 'number', 'select', 'multiselect', 'boolean', 'date', 'file', 'table'];

export function kindOf(field: FormField): FieldKind {
  const type = (field.type ?? 'text') as FieldKind;
  return kinds.includes(type) ? type : 'text';
}

/** The form the process starts with: the Start node names it in inputs.form, else the form with id "start". */
export function startFormOf(definition: DefinitionBody): FormSchema | null {
  const start = definition.nodes.find((n) => n.kind === 'Start');
  const named = start?.inputs?.['form'];
  const id = typeof named === 'string' ? named : 'start';
  return definition.forms?.find((f) => f.id === id) ?? null;
}

/** A rule as antd's Form takes it (kept structural so this file needs no React). */
export interface FieldRule {
  required?: boolean;
  validator?: (rule: unknown, value: unknown) => Promise<void>;
}

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

/** The first message the field's value breaks, or null; the same checks as the server's FormValidator. */
export function checkValue(field: FormField, value: unknown): string | null {
  const kind = kindOf(field);
  if (isEmpty(value)) {
    if (!field.required || kind === 'boolean') return null;
    return kind === 'select' || kind === 'multiselect' || kind === 'date'
      ? `请选择${field.label}`
      : kind === 'file'
        ? `请上传${field.label}`
        : kind === 'table'
          ? `请至少填写一行${field.label}`
          : `请填写${field.label}`;
  }
  if (kind === 'number') {
    const n = typeof value === 'number' ? value : Number(value);
    if (!Number.isFinite(n)) return `${field.label}应为数字`;
    if (field.min != null && n < field.min) return `${field.label}不能小于 ${field.min}`;
    if (field.max != null && n > field.max) return `${field.label}不能大于 ${field.max}`;
    return null;
  }
  if ((kind === 'text' || kind === 'textarea') && typeof value === 'string') {
    if (field.maxLength != null && value.length > field.maxLength) return `${field.label}不能超过 ${field.maxLength} 个字`;
    if (field.pattern) {
      let pattern: RegExp | null = null;
      try {
        pattern = new RegExp(`^(?:${field.pattern})$`);
      } catch {
        return null; // a designer's broken pattern is the server's to report
      }
      if (!pattern.test(value)) return `${field.label}的格式不正确`;
    }
  }
  if (kind === 'select' && field.options && !field.options.includes(String(value))) {
    return `${field.label}只能从选项中选择`;
  }
  if (kind === 'multiselect' && field.options && Array.isArray(value) && value.some((v) => !field.options!.includes(String(v)))) {
    return `${field.label}只能从选项中选择`;
  }
  return null;
}

/**
 * The field's rules for antd: one validator running checkValue, marked required for the asterisk. No message on the
 * rule: antd would show it in place of the validator's own.
 */
export function rulesFor(field: FormField): FieldRule[] {
  return [
    {
      required: Boolean(field.required) && kindOf(field) !== 'boolean',
      validator: (_rule, value) => {
        const problem = checkValue(field, value);
        return problem === null ? Promise.resolve() : Promise.reject(new Error(problem));
      },
    },
  ];
}

type Values = Record<string, unknown>;

/** What the API takes: dates as yyyy-MM-dd, empty values left out, table rows converted column by column. */
export function toPayload(fields: FormField[], values: Values): Values {
  const payload: Values = {};
  for (const field of fields) {
    const value = values[field.name];
    if (isEmpty(value)) continue;
    const kind = kindOf(field);
    if (kind === 'date') {
      payload[field.name] = dayjs.isDayjs(value) ? (value as Dayjs).format('YYYY-MM-DD') : value;
    } else if (kind === 'table' && Array.isArray(value)) {
      payload[field.name] = value.map((row) => toPayload(field.columns ?? [], (row ?? {}) as Values));
    } else {
      payload[field.name] = value;
    }
  }
  return payload;
}

/** The other way: a saved form as the generated form's initial values (dates as dayjs). */
export function toFormValues(fields: FormField[], saved: Values | null | undefined): Values {
  const values: Values = {};
  for (const field of fields) {
    const value = saved?.[field.name];
    if (value === undefined || value === null) continue;
    const kind = kindOf(field);
    if (kind === 'date' && typeof value === 'string') {
      values[field.name] = dayjs(value);
    } else if (kind === 'table' && Array.isArray(value)) {
      values[field.name] = value.map((row) => toFormValues(field.columns ?? [], row as Values));
    } else {
      values[field.name] = value;
    }
  }
  return values;
}

/** A value as read-only text. */
export function displayValue(field: FormField, value: unknown, optionNames?: Map<string, string>): string {
  if (isEmpty(value)) return '—';
  const kind = kindOf(field);
  if (kind === 'boolean') return value ? '是' : '否';
  if ((kind === 'select' || kind === 'multiselect') && optionNames) {
    const name = (v: unknown) => optionNames.get(String(v)) ?? String(v);
    return Array.isArray(value) ? value.map(name).join('、') : name(value);
  }
  if (Array.isArray(value)) return value.map(String).join('、');
  return String(value);
}
