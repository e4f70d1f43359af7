import { describe, expect, it } from 'vitest';
import { canBatchApprove, deadline, fromSearchParams, initialState, isFiltered, queryString, reduce, toSearchParams } from './state';
import type { WorkListState } from './state';
import type { TaskRow } from '../types';

const row = (over: Partial<TaskRow>): TaskRow => ({
  taskId: 't1', caseId: 'c1', caseTitle: '案件', definitionId: 'd', caseStatus: 'Running', caseStatusName: '办理中',
  nodeId: 'n', title: '审核', kind: 'approval', status: 'Open', assigneeRoleName: null, assigneeOrgName: null,
  assigneeName: null, initiatorOrgName: null, createdAt: '2026-11-02T00:00:00Z', dueAt: '2026-11-20T00:00:00Z',
  workingDaysLeft: 3, overdue: false, completedAt: null, outcome: null, outcomeName: null, comment: null,
  canAct: true, outcomes: ['approve', 'reject', 'return'], outcomeNames: { approve: '同意', reject: '不同意', return: '退回修改' }, ...over,
});

describe('work list state', () => {
  it('starts on the first page of 待办', () => {
    expect(queryString(initialState)).toBe('list=todo&page=1&pageSize=20');
  });

  it('goes back to page 1 and clears the selection when the list changes', () => {
    const s = reduce({ ...initialState, page: 3, selected: ['a'] }, { type: 'list', list: 'done' });
    expect(s).toMatchObject({ list: 'done', page: 1, selected: [] });
    expect(queryString(s)).toBe('list=done&page=1&pageSize=20');
  });

  it('searches from page 1 with a trimmed text', () => {
    const s = reduce({ ...initialState, page: 2 }, { type: 'search', q: '  数控 ' });
    expect(queryString(s)).toBe('list=todo&page=1&pageSize=20&q=%E6%95%B0%E6%8E%A7');
  });

  it('keeps the selection on a page turn but not on a new page size', () => {
    const selected = reduce(initialState, { type: 'select', taskIds: ['a', 'b'] });
    expect(reduce(selected, { type: 'page', page: 2, pageSize: 20 }).selected).toEqual(['a', 'b']);
    expect(reduce(selected, { type: 'page', page: 1, pageSize: 50 }).selected).toEqual([]);
  });

  it('drops approved rows from the selection', () => {
    const selected = reduce(initialState, { type: 'select', taskIds: ['a', 'b'] });
    expect(reduce(selected, { type: 'approved', taskIds: ['a'] }).selected).toEqual(['b']);
  });

  it('batch-approves only actionable approvals in 待办', () => {
    expect(canBatchApprove(initialState, row({}))).toBe(true);
    expect(canBatchApprove(initialState, row({ canAct: false }))).toBe(false);
    expect(canBatchApprove(initialState, row({ kind: 'evaluation' }))).toBe(false);
    expect(canBatchApprove(initialState, row({ outcomes: ['resubmit'] }))).toBe(false);
    expect(canBatchApprove({ ...initialState, list: 'overdue' }, row({}))).toBe(false);
  });
});

describe('work list filters and order', () => {
  const filtered: WorkListState = {
    ...initialState, page: 3, selected: ['a'], q: '数控', definitionId: 'major-addition-filing', from: '2026-11-02', to: '2026-11-06',
    sort: 'dueAt', desc: false,
  };

  it('asks the API for the process, whole days in China time and the order', () => {
    expect(queryString(filtered)).toBe(
      'list=todo&page=3&pageSize=20&q=%E6%95%B0%E6%8E%A7&definitionId=major-addition-filing'
        + '&from=2026-11-01T16%3A00%3A00.000Z&to=2026-11-06T15%3A59%3A59.999Z&sort=dueAt&desc=false',
    );
  });

  it('goes back to page 1 and clears the selection when a filter or the order changes', () => {
    const actions = [
      { type: 'definition', definitionId: 'competition-rewards' },
      { type: 'dates', from: '2026-10-01', to: '2026-10-31' },
      { type: 'sort', sort: 'createdAt', desc: true },
      { type: 'search', q: '焊接' },
    ] as const;
    for (const action of actions) {
      expect(reduce(filtered, action)).toMatchObject({ page: 1, selected: [] });
    }
    expect(reduce(filtered, { type: 'definition', definitionId: '' }).definitionId).toBe('');
    expect(reduce(filtered, { type: 'dates', from: '', to: '' })).toMatchObject({ from: '', to: '', q: '数控' });
  });

  it('sorts by a column both ways, and back to newest first when the order is cleared', () => {
    const byDeadline = reduce(initialState, { type: 'sort', sort: 'dueAt', desc: true });
    expect(queryString(byDeadline)).toBe('list=todo&page=1&pageSize=20&sort=dueAt&desc=true');
    const cleared = reduce(byDeadline, { type: 'sort', sort: null, desc: true });
    expect(cleared).toMatchObject({ sort: 'createdAt', desc: true });
    expect(queryString(cleared)).toBe('list=todo&page=1&pageSize=20');
    expect(queryString(reduce(initialState, { type: 'sort', sort: 'createdAt', desc: false }))).toBe('list=todo&page=1&pageSize=20&sort=createdAt&desc=false');
  });

  it('orders only by the columns a list has', () => {
    const mine = reduce(initialState, { type: 'list', list: 'mine' });
    expect(reduce(mine, { type: 'sort', sort: 'dueAt', desc: false })).toMatchObject({ sort: 'createdAt', desc: true });
    const done = reduce(initialState, { type: 'list', list: 'done' });
    expect(reduce(done, { type: 'sort', sort: 'completedAt', desc: false })).toMatchObject({ sort: 'completedAt', desc: false });
  });

  it('keeps the filters on another list but not an order that list lacks', () => {
    const done = reduce(filtered, { type: 'list', list: 'done' });
    expect(done).toMatchObject({ list: 'done', page: 1, selected: [], q: '数控', definitionId: 'major-addition-filing', from: '2026-11-02' });
    expect(done).toMatchObject({ sort: 'createdAt', desc: true });
    const overdue = reduce(filtered, { type: 'list', list: 'overdue' });
    expect(overdue).toMatchObject({ sort: 'dueAt', desc: false });
  });

  it('resets every filter and the order but stays on the list and page size', () => {
    const reset = reduce({ ...filtered, list: 'overdue', pageSize: 50 }, { type: 'reset' });
    expect(reset).toEqual({ ...initialState, list: 'overdue', pageSize: 50 });
    expect(isFiltered(reset)).toBe(false);
    expect(isFiltered(filtered)).toBe(true);
    expect(isFiltered({ ...initialState, desc: false })).toBe(true);
  });
});

describe('work list address', () => {
  it('writes only what differs from the defaults', () => {
    expect(toSearchParams(initialState).toString()).toBe('list=todo');
    expect(toSearchParams({ ...initialState, list: 'done', page: 2, pageSize: 50 }).toString()).toBe('list=done&page=2&pageSize=50');
  });

  it('reads back what it wrote, without the selection', () => {
    const again = fromSearchParams(new URLSearchParams(toSearchParams(filtered()).toString()));
    expect(again).toEqual({ ...filtered(), selected: [] });
  });

  it('falls back to the defaults for what it cannot read', () => {
    const read = fromSearchParams(new URLSearchParams('list=nope&page=-2&pageSize=7&from=2026-13-45&to=x&sort=title&desc=maybe'));
    expect(read).toEqual(initialState);
    expect(fromSearchParams(new URLSearchParams('list=done&sort=dueAt&desc=false'))).toMatchObject({ list: 'done', sort: 'createdAt', desc: true });
    expect(fromSearchParams(new URLSearchParams('from=2026-11-06&to=2026-11-02'))).toMatchObject({ from: '2026-11-06', to: '' });
    expect(fromSearchParams(new URLSearchParams('page=1.5')).page).toBe(1);
  });

  function filtered(): WorkListState {
    return {
      ...initialState, list: 'overdue', page: 2, pageSize: 50, q: '数控', definitionId: 'major-addition-filing', from: '2026-11-02',
      to: '2026-11-06', sort: 'dueAt', desc: false, selected: ['a'],
    };
  }
});

describe('deadline', () => {
  it('reads in working days, overdue first', () => {
    expect(deadline(row({}))).toEqual({ text: '剩 3 个工作日', overdue: false });
    expect(deadline(row({ workingDaysLeft: 0 }))).toEqual({ text: '今日到期', overdue: false });
    expect(deadline(row({ overdue: true, workingDaysLeft: -2 }))).toEqual({ text: '已超时', overdue: true });
    expect(deadline(row({ dueAt: null, workingDaysLeft: null }))).toEqual({ text: '—', overdue: false });
  });
});
