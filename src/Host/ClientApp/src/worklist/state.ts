// The work list's state apart from React: which list, page and filter, which rows are selected, the query string
// it asks for, and how a deadline reads.
import type { TaskRow } from '../types';

export type ListName = 'todo' | 'done' | 'mine' | 'cc' | 'overdue';

export const lists: { key: ListName; label: string }[] = [
  { key: 'todo', label: '待办' },
  { key: 'done', label: '已办' },
  { key: 'mine', label: '我发起的' },
  { key: 'cc', label: '抄送我的' },
  { key: 'overdue', label: '超时' },
];

export interface WorkListState {
  list: ListName;
  page: number;
  pageSize: number;
  q: string;
  selected: string[];
}

export type WorkListAction =
  | { type: 'list'; list: ListName }
  | { type: 'page'; page: number; pageSize: number }
  | { type: 'search'; q: string }
  | { type: 'select'; taskIds: string[] }
  | { type: 'approved'; taskIds: string[] };

export const initialState: WorkListState = { list: 'todo', page: 1, pageSize: 20, q: '', selected: [] };

export function isListName(value: string | null): value is ListName {
  return lists.some((l) => l.key === value);
}

export function reduce(state: WorkListState, action: WorkListAction): WorkListState {
  switch (action.type) {
    case 'list':
      return action.list === state.list ? state : { ...state, list: action.list, page: 1, selected: [] };
    case 'page':
      return { ...state, page: action.page, pageSize: action.pageSize, selected: action.pageSize === state.pageSize ? state.selected : [] };
    case 'search':
      return { ...state, q: action.q.trim(), page: 1, selected: [] };
    case 'select':
      return { ...state, selected: action.taskIds };
    case 'approved':
      return { ...state, selected: state.selected.filter((id) => !action.taskIds.includes(id)) };
  }
}

export function queryString(state: WorkListState): string {
  const params = new URLSearchParams({ list: state.list, page: String(state.page), pageSize: String(state.pageSize) });
  if (state.q) params.set('q', state.q);
  return params.toString();
}

/** Only the to-do list approves in a batch, and only rows the caller may act on that offer approval. */
export function canBatchApprove(state: WorkListState, row: TaskRow): boolean {
  return state.list === 'todo' && row.canAct && row.taskId !== null && row.outcomes.includes('approve') && row.kind !== 'evaluation';
}

export interface Deadline {
  text: string;
  overdue: boolean;
}

/** A deadline in working days: "剩 3 个工作日", "今日到期", "已超时"; finished or undated steps show a dash. */
export function deadline(row: Pick<TaskRow, 'workingDaysLeft' | 'overdue' | 'dueAt'>): Deadline {
  if (row.overdue) return { text: '已超时', overdue: true };
  if (row.workingDaysLeft === null || row.dueAt === null) return { text: '—', overdue: false };
  if (row.workingDaysLeft <= 0) return { text: '今日到期', overdue: false };
  return { text: `剩 ${row.workingDaysLeft} 个工作日`, overdue: false };
}
