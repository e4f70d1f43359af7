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
  /** The Chinese name of each outcome, as the definition or its activity names it. */
  outcomeNames: Record<string, string>;
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
  /** A decision's outcome by its Chinese name. */
  outcomeName: string | null;
}

/** How far a case got at a node: 已完成, 当前, 已中止, 未到达. */
export type DiagramStatus = 'done' | 'current' | 'stopped' | 'pending';

export interface DiagramNode {
  id: string;
  name: string;
  kind: string;
  kindName: string;
  status: DiagramStatus;
}

export interface DiagramEdge {
  source: string;
  target: string;
  outcome: string;
  outcomeName: string;
  taken: boolean;
}

export interface CaseDiagram {
  nodes: DiagramNode[];
  edges: DiagramEdge[];
}

/** An export a case has data for. */
export type ExportKind = 'rewards' | 'selection' | 'notice';

export interface RewardLine {
  person: string;
  role: string;
  event: string;
  level: string;
  rank: number;
  rankName: string;
  organiser: string;
  year: number | null;
  amount: number;
  rule: string;
  excluded: string | null;
}

export interface RewardTable {
  lines: RewardLine[];
  overall: number;
  byPerson: { person: string; amount: number }[];
}

/** A 公示 open to the caller: dueAt is null while an objection pauses it. */
export interface NoticeView {
  caseId: string;
  caseTitle: string;
  definitionName: string;
  stepName: string;
  title: string;
  issuerName: string | null;
  startedAt: string;
  dueAt: string | null;
  days: number;
  workingDaysLeft: number;
  paused: boolean;
  hasText: boolean;
  canOpenCase: boolean;
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
  /** What the verification found first when the journal is not intact, in Chinese (which entry, what changed). */
  journalProblem?: string | null;
  /** Fields of the form hidden from the caller at the steps they work on (字段权限). */
  hiddenFields: string[];
  /** For each current step that declares them, what its person may do with each field: editable, readonly or hidden. */
  fieldAccess: Record<string, Record<string, 'editable' | 'readonly' | 'hidden'>>;
  diagram: CaseDiagram;
  exports: ExportKind[];
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
