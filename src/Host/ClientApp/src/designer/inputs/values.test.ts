import { describe, expect, it } from 'vitest';
import {
  casesValue, duplicates, editorKindOf, fitsEditor, moveItem, numberValue, optionLabels, parseJsonText, setFieldAccess, textValue,
} from './values';

describe('editor choice', () => {
  it('takes the catalogue editor, counts working days by name, and falls back to JSON for kinds it does not know', () => {
    expect(editorKindOf({ name: 'assignee', editor: 'assignee' })).toBe('assignee');
    expect(editorKindOf({ name: 'dueInWorkingDays', editor: 'number' })).toBe('working-days');
    expect(editorKindOf({ name: 'days', editor: 'working-days' })).toBe('working-days');
    expect(editorKindOf({ name: 'count', editor: 'number' })).toBe('number');
    expect(editorKindOf({ name: 'map', editor: 'geo-picker' })).toBe('json');
  });

  it('shows a value its editor cannot hold whole in the JSON editor', () => {
    expect(fitsEditor('number', 3)).toBe(true);
    expect(fitsEditor('number', { expr: 'form.selectCount' })).toBe(false);
    expect(fitsEditor('working-days', undefined)).toBe(true);
    expect(fitsEditor('string-list', ['a', 'b'])).toBe(true);
    expect(fitsEditor('string-list', ['a', 1])).toBe(false);
    expect(fitsEditor('datetime', '2025-07-31T17:00:00+08:00')).toBe(true);
    expect(fitsEditor('datetime', 'vars.closesAt')).toBe(false);
    expect(fitsEditor('assignee', { role: 'city_reviewer', org: 'initiator.parent' })).toBe(true);
    expect(fitsEditor('assignee', { role: 'city_reviewer', extra: 1 })).toBe(false);
    expect(fitsEditor('assignee-list', [{ user: 'u-1' }, { role: 'expert' }])).toBe(true);
    expect(fitsEditor('assignee-list', { role: 'expert' })).toBe(true);
    expect(fitsEditor('cases', [{ outcome: '全国', condition: "form.level === 'national'" }, {}])).toBe(true);
    expect(fitsEditor('cases', [{ outcome: 3 }])).toBe(false);
    expect(fitsEditor('field-access', { phone: 'hidden' })).toBe(true);
    expect(fitsEditor('field-access', ['phone'])).toBe(false);
    expect(fitsEditor('switch', 'true')).toBe(false);
  });
});

describe('values', () => {
  it('removes a blank text or a cleared number', () => {
    expect(textValue('  ')).toBeUndefined();
    expect(textValue('审核')).toBe('审核');
    expect(numberValue(null)).toBeUndefined();
    expect(numberValue('')).toBeUndefined();
    expect(numberValue('5')).toBe(5);
    expect(numberValue(0)).toBe(0);
  });

  it('names select options from the description, else shows the value', () => {
    expect(optionLabels(['all', 'any', 'ratio'], 'all：全部同意；any：任一同意（或签）')).toEqual([
      { value: 'all', label: '全部同意（all）' },
      { value: 'any', label: '任一同意（或签）（any）' },
      { value: 'ratio', label: 'ratio' },
    ]);
    expect(optionLabels(['mean'], null)).toEqual([{ value: 'mean', label: 'mean' }]);
  });

  it('parses JSON text, says where it is broken in Chinese, and removes the input when blank', () => {
    expect(parseJsonText('{"paid": "拨付"}')).toEqual({ ok: true, value: { paid: '拨付' } });
    expect(parseJsonText('   ')).toEqual({ ok: true, value: undefined });
    const broken = parseJsonText('{"paid": }');
    expect(broken.ok).toBe(false);
    if (!broken.ok) expect(broken.error).toMatch(/^不是有效的 JSON/);
  });

  it('moves list items and leaves the list alone for a move outside it', () => {
    expect(moveItem(['a', 'b', 'c'], 2, 0)).toEqual(['c', 'a', 'b']);
    expect(moveItem(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(moveItem(['a', 'b'], 0, -1)).toEqual(['a', 'b']);
  });

  it('lists a field access only when set, and removes the input when every field is back to default', () => {
    const hidden = setFieldAccess(undefined, 'phone', 'hidden');
    expect(hidden).toEqual({ phone: 'hidden' });
    const both = setFieldAccess(hidden, 'score', 'editable');
    expect(both).toEqual({ phone: 'hidden', score: 'editable' });
    expect(setFieldAccess(both, 'phone', 'default')).toEqual({ score: 'editable' });
    expect(setFieldAccess({ phone: 'hidden' }, 'phone', 'default')).toBeUndefined();
  });

  it('stores branches without blank parts and removes the input when none is left', () => {
    expect(casesValue([{ outcome: '全国', condition: ' ' }, {}])).toEqual([{ outcome: '全国' }, {}]);
    expect(casesValue([])).toBeUndefined();
    expect(duplicates(['全国', '省级', '全国', undefined, ''])).toEqual(['全国']);
  });
});
