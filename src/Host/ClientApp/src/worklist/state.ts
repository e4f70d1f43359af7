// The work list's state apart from React: which list, page, filters and order, which rows are selected, how the
// state reads from and writes to the address bar (so a reload keeps it), the query string it asks the API for, and
// how a deadline reads.
import dayjs from 'dayjs';
import type { TaskRow } from '../types';

export type ListName = 'todo' | 'done' | 'mine' | 'cc' | 'overdue';

export const lists: { key: ListName; label: string }[] = [
  { key: 'todo', label: '待办' },
  { key: 'done', label: '已办' },
  { key: 'mine', label: '我发起的' },
  { key: 'cc', label: '抄送我的' },
  { key: 'overdue', label: '超时' },
];

/** The orders the API knows; createdAt descending (newest first) is its default. */
export type SortField = 'createdAt' | 'dueAt' | 'completedAt';

export const pageSizes = [10, 20, 50, 100];

export interface WorkListState {
  list: ListName;
  page: number;
  pageSize: number;
  /** Words in the title. */
  q: string;
  /** A process id, or '' for every process. */
  definitionId: string;
  /** Arrival dates as YYYY-MM-DD, both ends included; '' when open. */
  from: string;
  to: string;
  sort: SortField;
  desc: boolean;
  selected: string[];
}

export type WorkListAction =
  | { type: 'list'; list: ListName }
  | { type: 'page'; page: number; pageSize: number }
  | { type: 'search'; q: string }
  | { type: 'definition'; definitionId: string }
  | { type: 'dates'; from: string; to: string }
  | { type: 'sort'; sort: SortField | null; desc: boolean }
  | { type: 'reset' }
  | { type: 'select'; taskIds: string[] }
  | { type: 'approved'; taskIds: string[] };

export const initialState: WorkListState = {
  list: 'todo', page: 1, pageSize: 20, q: '', definitionId: '', from: '', to: '', sort: 'createdAt', desc: true, selected: [],
};

export function isListName(value: string | null): value is ListName {
  return lists.some((l) => l.key === value);
}

/**
 * The columns a list sorts by: the time it shows (arrival, or when it was handled in 已办) and, for open tasks, the
 * deadline. The case lists (我发起的, 抄送我的) have no deadline order in the API.
 */
export function sortableFields(list: ListName): SortField[] {
  if (list === 'done') return ['completedAt'];
  if (list === 'todo' || list === 'overdue') return ['createdAt', 'dueAt'];
  return ['createdAt'];
}

/** Any change of what is listed starts again at page 1 with nothing selected. */
const refiltered = (state: WorkListState, change: Partial<WorkListState>): WorkListState => ({ ...state, ...change, page: 1, selected: [] });

export function reduce(state: WorkListState, action: WorkListAction): WorkListState {
  switch (action.type) {
    case 'list':
      if (action.list === state.list) return state;
      return refiltered(state, {
        list: action.list,
        ...(sortableFields(action.list).includes(state.sort) ? {} : { sort: initialState.sort, desc: initialState.desc }),
      });
    case 'page':
      return { ...state, page: action.page, pageSize: action.pageSize, selected: action.pageSize === state.pageSize ? state.selected : [] };
    case 'search':
      return refiltered(state, { q: action.q.trim() });
    case 'definition':
      return refiltered(state, { definitionId: action.definitionId });
    case 'dates':
      return refiltered(state, { from: action.from, to: action.to });
    case 'sort':
      return action.sort === null || !sortableFields(state.list).includes(action.sort)
        ? refiltered(state, { sort: initialState.sort, desc: initialState.desc })
        : refiltered(state, { sort: action.sort, desc: action.desc });
    case 'reset':
      return { ...initialState, list: state.list, pageSize: state.pageSize };
    case 'select':
      return { ...state, selected: action.taskIds };
    case 'approved':
      return { ...state, selected: state.selected.filter((id) => !action.taskIds.includes(id)) };
  }
}

/** Whether any filter or order differs from the defaults, i.e. whether 重置 has anything to do. */
export function isFiltered(state: WorkListState): boolean {
  return state.q !== '' || state.definitionId !== '' || state.from !== '' || state.to !== ''
    || state.sort !== initialState.sort || state.desc !== initialState.desc;
}

/** The API's query string; the date range covers whole days in the browser's time zone. */
export function queryString(state: WorkListState): string {
  const params = new URLSearchParams({ list: state.list, page: String(state.page), pageSize: String(state.pageSize) });
  if (state.q) params.set('q', state.q);
  if (state.definitionId) params.set('definitionId', state.definitionId);
  if (state.from) params.set('from', dayjs(state.from).startOf('day').toISOString());
  if (state.to) params.set('to', dayjs(state.to).endOf('day').toISOString());
  if (state.sort !== initialState.sort || state.desc !== initialState.desc) {
    params.set('sort', state.sort);
    params.set('desc', String(state.desc));
  }
  return params.toString();
}

/** The address bar's query: the list and only what differs from the defaults. */
export function toSearchParams(state: WorkListState): URLSearchParams {
  const params = new URLSearchParams({ list: state.list });
  if (state.q) params.set('q', state.q);
  if (state.definitionId) params.set('definitionId', state.definitionId);
  if (state.from) params.set('from', state.from);
  if (state.to) params.set('to', state.to);
  if (state.sort !== initialState.sort || state.desc !== initialState.desc) {
    params.set('sort', state.sort);
    params.set('desc', String(state.desc));
  }
  if (state.page !== initialState.page) params.set('page', String(state.page));
  if (state.pageSize !== initialState.pageSize) params.set('pageSize', String(state.pageSize));
  return params;
}

/** A real calendar day written YYYY-MM-DD (dayjs alone would roll 2026-13-45 over into 2027). */
const isDate = (value: string | null): value is string =>
  value !== null && /^\d{4}-\d{2}-\d{2}$/.test(value) && dayjs(value).format('YYYY-MM-DD') === value;

/** The state an address describes, nothing selected; anything unreadable (typed or outdated) falls back to its default. */
export function fromSearchParams(params: URLSearchParams): WorkListState {
  const list = params.get('list');
  const state = { ...initialState, list: isListName(list) ? list : initialState.list };
  const page = Number(params.get('page'));
  const pageSize = Number(params.get('pageSize'));
  const sort = params.get('sort');
  const from = params.get('from');
  const to = params.get('to');
  const sorted = sortableFields(state.list).find((f) => f === sort);
  return {
    ...state,
    page: Number.isInteger(page) && page >= 1 ? page : initialState.page,
    pageSize: pageSizes.includes(pageSize) ? pageSize : initialState.pageSize,
    q: (params.get('q') ?? '').trim().slice(0, 100),
    definitionId: (params.get('definitionId') ?? '').slice(0, 100),
    from: isDate(from) ? from : '',
    to: isDate(to) && !(isDate(from) && to < from) ? to : '',
    sort: sorted ?? initialState.sort,
    desc: sorted ? params.get('desc') !== 'false' : initialState.desc,
  };
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
