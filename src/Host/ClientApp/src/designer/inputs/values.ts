// The input editors' logic apart from React: which editor an input gets, whether a stored value fits it (else the
// JSON editor shows it as it is), the Chinese names of a select's options, and the edits of lists and tables.
import { fitsAssignee } from './assignee';

/** The editors the property panel knows; any other kind is shown with the JSON editor. */
export const editorKinds = [
  'text', 'number', 'working-days', 'switch', 'select', 'datetime', 'string-list', 'json', 'expression', 'assignee',
  'assignee-list', 'variable', 'definition', 'node', 'cases', 'field-access',
] as const;

export type EditorKind = (typeof editorKinds)[number];

/** The catalogue's editor for the input; a number named "…WorkingDays" counts working days whatever it says. */
export function editorKindOf(input: { name: string; editor: string }): EditorKind {
  if (input.editor === 'number' && input.name.endsWith('WorkingDays')) return 'working-days';
  return (editorKinds as readonly string[]).includes(input.editor) ? (input.editor as EditorKind) : 'json';
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Whether the editor can show the value without losing any of it. A value it cannot (a number written as
 * {"expr": "form.count"}, a hand-edited shape) is shown in the JSON editor instead, so nothing is silently dropped.
 */
export function fitsEditor(kind: EditorKind, value: unknown): boolean {
  if (value === undefined || value === null) return true;
  switch (kind) {
    case 'number':
    case 'working-days':
      return typeof value === 'number' && Number.isFinite(value);
    case 'switch':
      return typeof value === 'boolean';
    case 'text':
    case 'select':
    case 'expression':
    case 'variable':
    case 'definition':
    case 'node':
      return typeof value === 'string';
    case 'datetime':
      return typeof value === 'string' && !Number.isNaN(Date.parse(value));
    case 'string-list':
      return Array.isArray(value) && value.every((v) => typeof v === 'string');
    case 'assignee':
      return fitsAssignee(value);
    case 'assignee-list':
      return Array.isArray(value) ? value.every(fitsAssignee) : fitsAssignee(value);
    case 'cases':
      return Array.isArray(value) && value.every((c) => isPlainObject(c) &&
        ['outcome', 'condition'].every((k) => c[k] === undefined || typeof c[k] === 'string'));
    case 'field-access':
      return isPlainObject(value) && Object.values(value).every((v) => typeof v === 'string');
    case 'json':
      return true;
  }
}

/** A text input's value: blank removes the input. */
export function textValue(text: string): string | undefined {
  return text.trim() === '' ? undefined : text;
}

/** A number input's value: cleared removes it. */
export function numberValue(value: number | string | null | undefined): number | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? n : undefined;
}

/**
 * The Chinese name of each option where the input's description gives it as "value：名称；value：名称" (how every
 * select input of the catalogue explains itself), else the value itself.
 */
export function optionLabels(options: readonly string[], description?: string | null): { value: string; label: string }[] {
  const named = new Map<string, string>();
  for (const part of (description ?? '').split(/[；;]/)) {
    const match = /^\s*([\w-]+)\s*[：:]\s*(.+?)\s*$/.exec(part);
    if (match) named.set(match[1]!, match[2]!);
  }
  return options.map((value) => {
    const name = named.get(value);
    return { value, label: name ? `${name}（${value}）` : value };
  });
}

/** What a JSON editor's text holds: the value, or the Chinese reason it is not JSON; blank removes the input. */
export function parseJsonText(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  if (text.trim() === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (e) {
    const detail = e instanceof SyntaxError ? /position (\d+)/.exec(e.message) : null;
    return { ok: false, error: detail ? `不是有效的 JSON（第 ${Number(detail[1]) + 1} 个字符附近有误）` : '不是有效的 JSON，请检查括号、引号和逗号。' };
  }
}

export function jsonText(value: unknown): string {
  return value === undefined ? '' : JSON.stringify(value, null, 2);
}

/** The list with the item at <from> moved to <to>; unchanged when either is outside it. */
export function moveItem<T>(items: readonly T[], from: number, to: number): T[] {
  if (from < 0 || from >= items.length || to < 0 || to >= items.length) return [...items];
  const next = [...items];
  const [moved] = next.splice(from, 1);
  next.splice(to, 0, moved!);
  return next;
}

export function replaceItem<T>(items: readonly T[], index: number, item: T): T[] {
  return items.map((existing, i) => (i === index ? item : existing));
}

export function removeItem<T>(items: readonly T[], index: number): T[] {
  return items.filter((_, i) => i !== index);
}

/** A list input's value: an empty list removes the input. */
export function listValue<T>(items: readonly T[]): T[] | undefined {
  return items.length === 0 ? undefined : [...items];
}

export type AccessLevel = 'editable' | 'readonly' | 'hidden';

export const accessLevels: { value: AccessLevel; label: string }[] = [
  { value: 'editable', label: '可编辑' },
  { value: 'readonly', label: '只读' },
  { value: 'hidden', label: '隐藏' },
];

/** The field-access table after one field's choice; "default" unlists it, and nothing listed removes the input. */
export function setFieldAccess(
  value: Record<string, string> | undefined, field: string, level: AccessLevel | 'default',
): Record<string, string> | undefined {
  const next: Record<string, string> = { ...(value ?? {}) };
  if (level === 'default') delete next[field];
  else next[field] = level;
  return Object.keys(next).length === 0 ? undefined : next;
}

export interface SwitchCase {
  outcome?: string;
  condition?: string;
}

/** A Switch's branches as stored: blank parts left out (a new branch stays as {} until filled), none removes the input. */
export function casesValue(cases: readonly SwitchCase[]): SwitchCase[] | undefined {
  const kept = cases.map((c) => ({
    ...(c.outcome?.trim() ? { outcome: c.outcome } : {}),
    ...(c.condition?.trim() ? { condition: c.condition } : {}),
  }));
  return listValue(kept);
}

/** The names used twice or more in a list (outcomes of a Switch, items of a string list), for an inline warning. */
export function duplicates(values: readonly (string | undefined)[]): string[] {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const v of values) {
    if (!v) continue;
    if (seen.has(v)) twice.add(v);
    seen.add(v);
  }
  return [...twice];
}
