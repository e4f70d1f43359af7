// 试运行 apart from React: which steps take an outcome from the sample, the sample form's fields, the variables
// typed as JSON, and how the route's steps and values read in Chinese.
import type { FormField, FormSchema } from '../types';
import type { DryRunChosenBy, DryRunStep, ProcessEdge } from '../processes/types';

/** Kinds that decide their outcome themselves (by flow or by a condition): no sample choice applies to them. */
const selfDeciding = new Set(['Start', 'End', 'Fork', 'Join', 'If', 'Switch', 'SetVariable']);

export interface ChoosableStep {
  nodeId: string;
  name: string;
  /** The outcomes the definition's edges leave the step by, in the order they first appear. */
  outcomes: string[];
}

/** The steps where the sample may pick the outcome: those waiting on a person or the world that have a choice to make. */
export function choosableSteps(nodes: readonly { id: string; name?: string; kind: string }[], edges: readonly ProcessEdge[]): ChoosableStep[] {
  return nodes
    .filter((n) => !selfDeciding.has(n.kind))
    .map((n) => ({
      nodeId: n.id,
      name: n.name && n.name.trim() !== '' ? n.name : n.id,
      outcomes: [...new Set(edges.filter((e) => e.source === n.id).map((e) => e.outcome))],
    }))
    .filter((s) => s.outcomes.length > 1);
}

/** The choices as the API takes them: a step left on its default (its first outcome) is left out. */
export function choicesPayload(picked: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(picked).filter((entry): entry is [string, string] => Boolean(entry[1])));
}

/**
 * The start form's fields for sample data: nothing required (a sample may leave fields out on purpose) and a file
 * field typed as text, since a dry run uploads nothing.
 */
export function sampleFields(form: FormSchema | undefined): FormField[] {
  const plain = (field: FormField): FormField => ({
    ...field,
    required: false,
    type: field.type === 'file' ? 'text' : field.type,
    columns: field.columns?.map(plain),
  });
  return (form?.fields ?? []).map(plain);
}

export type VariablesResult = { variables: Record<string, unknown> } | { error: string };

/** The variables box: empty means none; anything else must be a JSON object. */
export function parseVariables(text: string): VariablesResult {
  if (text.trim() === '') return { variables: {} };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { error: '流程变量不是有效的 JSON，请按 {"变量名": 值} 填写。' };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { error: '流程变量应为一个 JSON 对象，如 {"score": 80}。' };
  }
  return { variables: parsed as Record<string, unknown> };
}

export const chosenByNames: Record<DryRunChosenBy, string> = {
  flow: '自动流转',
  condition: '按条件判断',
  sample: '按样例选择',
  first: '默认取第一个结果',
};

/** A value as the route shows it: JSON, with 空 for null and nothing at all. */
export function valueText(value: unknown): string {
  return value === null || value === undefined ? '空（null）' : JSON.stringify(value);
}

/** The nodes the route passed, in order, for the canvas to light up; a loop's warning names no real step. */
export function routeNodeIds(route: readonly DryRunStep[]): string[] {
  return route.filter((s) => s.kind !== '').map((s) => s.nodeId);
}
