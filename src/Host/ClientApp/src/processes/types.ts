// What the /api/definitions endpoints answer for 流程管理, 版本历史 and 试运行, as the server's records name them.
import type { DefinitionJson, EdgeJson, NodeJson } from '../designer/model';
import type { DefinitionSummary, FormSchema } from '../types';

/** A process in the administrator's list: latestVersion null for a process that so far is only a draft. */
export interface ProcessSummary extends DefinitionSummary {
  publishedByName: string | null;
  hasDraft: boolean;
  runningCases: number;
}

/** The designer's model of a definition: one shape for what is designed, exported, imported and saved as a draft. */
export type ProcessNode = NodeJson;
export type ProcessEdge = EdgeJson;

/** A whole definition as the server gives it, its forms always present. */
export type ProcessDefinition = DefinitionJson & { forms: FormSchema[] };

export interface PublishedView {
  id: string;
  name: string;
  version: number;
  latestVersion: number;
  definition: ProcessDefinition;
}

export interface DefinitionProblem {
  nodeId: string | null;
  code: string;
  message: string;
}

export interface DraftView {
  id: string;
  name: string;
  updatedAt: string;
  latestVersion: number | null;
  definition: ProcessDefinition;
  valid: boolean;
  problems: DefinitionProblem[];
}

export interface VersionRow {
  version: number;
  name: string;
  publishedAt: string;
  publishedBy: string | null;
  publishedByName: string | null;
  runningCases: number;
}

export interface NodeSummary {
  id: string;
  kind: string;
  name: string | null;
}

export interface NodeChange {
  id: string;
  before: NodeSummary;
  after: NodeSummary;
  kindChanged: boolean;
  nameChanged: boolean;
  changedInputs: string[];
}

export interface DefinitionChanges {
  nameChanged: boolean;
  descriptionChanged: boolean;
  addedNodes: NodeSummary[];
  removedNodes: NodeSummary[];
  changedNodes: NodeChange[];
  addedEdges: ProcessEdge[];
  removedEdges: ProcessEdge[];
  variablesChanged: boolean;
  formsChanged: boolean;
  startRolesChanged: boolean;
  hasChanges: boolean;
}

export interface VersionComparison {
  id: string;
  from: number;
  to: number;
  changes: DefinitionChanges;
}

/** An unfinished case of a process, with the steps it waits at. */
export interface DefinitionCaseRow {
  caseId: string;
  title: string;
  status: string;
  statusName: string;
  applicantOrgId: string | null;
  applicantOrgName: string | null;
  startedAt: string;
  currentSteps: string[];
  version: number;
}

/** An activity as the catalogue describes it: the Chinese names of its kind, inputs and outcomes. */
export interface CatalogueEntry {
  kind: string;
  displayName: string;
  blocking: boolean;
  inputs: { name: string; displayName: string }[];
  outcomes: { name: string; displayName: string }[];
}

export type DryRunChosenBy = 'flow' | 'condition' | 'sample' | 'first';

export interface DryRunEvaluation {
  expression: string;
  result: unknown;
  error: string | null;
}

export interface DryRunStep {
  nodeId: string;
  nodeName: string;
  kind: string;
  outcome: string | null;
  outcomeName: string | null;
  chosenBy: DryRunChosenBy;
  evaluations: DryRunEvaluation[];
  problem: string | null;
}

export interface DryRunView {
  source: 'draft' | 'published';
  version: number | null;
  result: {
    route: DryRunStep[];
    finished: boolean;
    endNode: string | null;
    variables: Record<string, unknown>;
  };
}
