// The API's shapes the pages read (see /openapi/v1.json).

export interface Org {
  id: string;
  name: string;
  kind: string;
  kindName: string;
}

export interface Me {
  id: string;
  userName: string;
  displayName: string;
  org: Org | null;
  roles: { code: string; name: string }[];
}

export interface TaskRow {
  taskId: string | null;
  caseId: string;
  caseTitle: string;
  definitionId: string;
  caseStatus: string;
  caseStatusName: string;
  nodeId: string | null;
  title: string | null;
  kind: string | null;
  status: string | null;
  assigneeRoleName: string | null;
  assigneeOrgName: string | null;
  assigneeName: string | null;
  initiatorOrgName: string | null;
  createdAt: string;
  dueAt: string | null;
  workingDaysLeft: number | null;
  overdue: boolean;
  completedAt: string | null;
  outcome: string | null;
  outcomeName: string | null;
  comment: string | null;
  canAct: boolean;
  outcomes: string[];
}

export interface Page<T> {
  items: T[];
  total: number;
  pageNumber: number;
  pageSize: number;
}

export interface DefinitionSummary {
  id: string;
  name: string;
  description: string | null;
  latestVersion: number | null;
  publishedAt: string | null;
  canStart: boolean;
}

export interface FormField {
  name: string;
  label: string;
  type?: string;
  required?: boolean;
  options?: string[];
  optionsFrom?: string;
  min?: number;
  max?: number;
  maxLength?: number;
  pattern?: string;
  help?: string;
  columns?: FormField[];
}

export interface FormSchema {
  id: string;
  title?: string;
  fields: FormField[];
}

export interface DefinitionNode {
  id: string;
  kind: string;
  name?: string;
  inputs?: Record<string, unknown> | null;
}

export interface DefinitionBody {
  id: string;
  name: string;
  description?: string;
  forms?: FormSchema[];
  nodes: DefinitionNode[];
}

export interface DefinitionView {
  id: string;
  name: string;
  version: number;
  definition: DefinitionBody;
}

export interface TimelineEntry {
  sequence: number;
  at: string;
  kind: string;
  label: string;
  nodeName: string | null;
  actorName: string | null;
  data: unknown;
}

export interface AttachmentView {
  id: string;
  fileName: string;
  contentType: string;
  size: number;
}

export interface CaseView {
  id: string;
  title: string;
  definitionId: string;
  definitionName: string;
  definitionVersion: number;
  status: string;
  statusName: string;
  initiator: { userName: string | null; orgName: string | null };
  createdAt: string;
  finishedAt: string | null;
  form: Record<string, unknown> | null;
  output: unknown;
  currentSteps: TaskRow[];
  timeline: TimelineEntry[];
  attachments: AttachmentView[];
  journalIntact: boolean;
}

export interface ReferenceList {
  id: string;
  name: string;
  items: { code: string; name: string; active: boolean }[];
}

export interface NotificationRow {
  id: number;
  kind: string;
  title: string;
  body: string;
  caseId: string | null;
  taskId: string | null;
  createdAt: string;
  readAt: string | null;
}
