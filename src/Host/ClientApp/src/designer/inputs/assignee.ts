// The assignee picker's logic apart from React: a stored {"role", "org"} or {"user"} read into the picker's choices
// and written back, with the organisation paths the API offers (GET /api/definitions/assignee-options) matched
// against the stored org, including those naming a form field.

export interface AssigneeRoleOption {
  name: string;
  displayName: string;
  /** Where the role is held, as /api/organizations names kinds; null when anywhere. */
  orgKind: string | null;
  orgKindName: string | null;
}

export interface AssigneeOrgOption {
  /** An org expression; {field} in it stands for a form field. */
  path: string;
  displayName: string;
}

export interface AssigneeUserOption {
  id: string;
  displayName: string;
}

export interface AssigneeOptions {
  roles: AssigneeRoleOption[];
  orgs: AssigneeOrgOption[];
  users: AssigneeUserOption[];
}

export const fieldPlaceholder = '{field}';

/** The org choice for an organisation picked from the tree by its id. */
export const fixedOrgChoice = 'fixed';

export interface Assignee {
  role?: string;
  org?: string;
  user?: string;
}

/** What the picker shows: a role at an organisation, or one person. */
export interface AssigneeDraft {
  mode: 'role' | 'user';
  role?: string;
  /** An option's path (which may hold {field}), fixedOrgChoice, or none. */
  org?: string;
  /** The form field a path with {field} names. */
  field?: string;
  /** The organisation id when org is fixedOrgChoice. */
  fixedOrg?: string;
  user?: string;
}

const assigneeKeys = new Set(['role', 'org', 'user']);

/** A stored assignee the picker can show whole: only role/org/user, as text, and not both a person and a role. */
export function fitsAssignee(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const entries = Object.entries(value);
  if (!entries.every(([k, v]) => assigneeKeys.has(k) && typeof v === 'string')) return false;
  const a = value as Assignee;
  return !(a.user !== undefined && (a.role !== undefined || a.org !== undefined));
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The option path an org expression is an instance of, and the field it names; null for an organisation id. */
export function matchOrg(org: string, orgs: readonly AssigneeOrgOption[]): { path: string; field?: string } | null {
  const exact = orgs.find((o) => o.path === org);
  if (exact) return { path: exact.path };
  for (const option of orgs) {
    if (!option.path.includes(fieldPlaceholder)) continue;
    const pattern = new RegExp(`^${escape(option.path).replace(escape(fieldPlaceholder), '([A-Za-z_][A-Za-z0-9_]*)')}$`);
    const match = pattern.exec(org);
    if (match) return { path: option.path, field: match[1]! };
  }
  return null;
}

export function toDraft(value: unknown, orgs: readonly AssigneeOrgOption[]): AssigneeDraft {
  const a = (typeof value === 'object' && value !== null ? value : {}) as Assignee;
  if (a.user !== undefined && a.role === undefined) return { mode: 'user', user: a.user };
  const draft: AssigneeDraft = { mode: 'role', role: a.role };
  if (a.org) {
    const matched = matchOrg(a.org, orgs);
    if (matched) {
      draft.org = matched.path;
      draft.field = matched.field;
    } else {
      draft.org = fixedOrgChoice;
      draft.fixedOrg = a.org;
    }
  }
  return draft;
}

/** The org expression the draft's choices make; undefined while a field or organisation is still to be picked. */
export function orgOf(draft: AssigneeDraft): string | undefined {
  if (!draft.org) return undefined;
  if (draft.org === fixedOrgChoice) return draft.fixedOrg || undefined;
  if (draft.org.includes(fieldPlaceholder)) return draft.field ? draft.org.replace(fieldPlaceholder, draft.field) : undefined;
  return draft.org;
}

/** The stored value; undefined when nothing is chosen, so the input is removed. */
export function fromDraft(draft: AssigneeDraft): Assignee | undefined {
  if (draft.mode === 'user') return draft.user ? { user: draft.user } : undefined;
  const org = orgOf(draft);
  if (!draft.role && !org) return undefined;
  return { ...(draft.role ? { role: draft.role } : {}), ...(org ? { org } : {}) };
}

export function roleChoices(options: AssigneeOptions): { value: string; label: string }[] {
  return options.roles.map((r) => ({ value: r.name, label: r.orgKindName ? `${r.displayName}（${r.orgKindName}）` : r.displayName }));
}

export function orgChoices(options: AssigneeOptions): { value: string; label: string }[] {
  return [
    ...options.orgs.map((o) => ({ value: o.path, label: o.displayName })),
    { value: fixedOrgChoice, label: '指定的单位（从组织机构中选择）' },
  ];
}

/** One line a person reads for an assignee, e.g. "盟市审核人 · 申请单位的上级（盟市人社局）". */
export function describeAssignee(value: unknown, options: AssigneeOptions, orgNames: ReadonlyMap<string, string> = new Map()): string {
  if (!fitsAssignee(value)) return '（格式不正确）';
  const draft = toDraft(value, options.orgs);
  if (draft.mode === 'user') {
    const keyword = options.users.find((u) => u.id === draft.user);
    return `指定人员：${keyword?.displayName ?? draft.user}`;
  }
  const role = options.roles.find((r) => r.name === draft.role)?.displayName ?? draft.role ?? '未选角色';
  if (!draft.org) return role;
  if (draft.org === fixedOrgChoice) return `${role} · ${orgNames.get(draft.fixedOrg!) ?? draft.fixedOrg}`;
  const org = options.orgs.find((o) => o.path === draft.org)?.displayName ?? draft.org;
  return `${role} · ${org}${draft.field ? `（字段 ${draft.field}）` : ''}`;
}
