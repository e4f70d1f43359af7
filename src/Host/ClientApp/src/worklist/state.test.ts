import { describe, expect, it } from 'vitest';
import { canBatchApprove, deadline, initialState, queryString, reduce } from './state';
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

describe('deadline', () => {
  it('reads in working days, overdue first', () => {
    expect(deadline(row({}))).toEqual({ text: '剩 3 个工作日', overdue: false });
    expect(deadline(row({ workingDaysLeft: 0 }))).toEqual({ text: '今日到期', overdue: false });
    expect(deadline(row({ overdue: true, workingDaysLeft: -2 }))).toEqual({ text: '已超时', overdue: true });
    expect(deadline(row({ dueAt: null, workingDaysLeft: null }))).toEqual({ text: '—', overdue: false });
  });
});
