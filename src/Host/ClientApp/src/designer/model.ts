// The designer's model is the definition's own JSON: every edit is a pure function from one definition to the next,
// so undo/redo is a list of snapshots and what is saved is exactly what was drawn.
import type { FormSchema } from '../types';

export interface Position {
  x: number;
  y: number;
}

export interface NodeJson {
  id: string;
  kind: string;
  name?: string;
  position?: Position;
  inputs?: Record<string, unknown>;
}

export interface EdgeJson {
  source: string;
  outcome: string;
  target: string;
}

export interface VariableJson {
  name: string;
  label?: string;
  type?: string;
  default?: unknown;
}

export interface DefinitionJson {
  id: string;
  name: string;
  version?: number;
  description?: string;
  startRoles?: string[];
  variables?: VariableJson[];
  forms?: FormSchema[];
  nodes: NodeJson[];
  edges: EdgeJson[];
}

export interface CatalogueInput {
  name: string;
  displayName: string;
  type: string;
  required: boolean;
  default?: unknown;
  editor: string;
  description?: string | null;
  options?: string[] | null;
}

export interface Outcome {
  name: string;
  displayName: string;
}

export interface CatalogueEntry {
  kind: string;
  displayName: string;
  category: string;
  description?: string | null;
  blocking: boolean;
  inputs: CatalogueInput[];
  outcomes: Outcome[];
}

export interface Problem {
  nodeId?: string | null;
  code: string;
  message: string;
}

export interface ValidationReport {
  valid: boolean;
  problems: Problem[];
  outcomes: Record<string, Outcome[]>;
}

/** A node's id from its kind: "approval", "approval-2", … whichever is free. */
export function freshId(kind: string, taken: ReadonlySet<string>): string {
  const base = kind.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase() || 'node';
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
  }
}

export function addNode(definition: DefinitionJson, entry: CatalogueEntry, position: Position): [DefinitionJson, string] {
  const id = freshId(entry.kind, new Set(definition.nodes.map((n) => n.id)));
  const node: NodeJson = { id, kind: entry.kind, name: entry.displayName, position: rounded(position), inputs: {} };
  return [{ ...definition, nodes: [...definition.nodes, node] }, id];
}

/** An outcome leads to one next step: connecting it again moves the edge rather than forking silently. */
export function connect(definition: DefinitionJson, source: string, outcome: string, target: string): DefinitionJson {
  const others = definition.edges.filter((e) => !(e.source === source && e.outcome === outcome));
  return { ...definition, edges: [...others, { source, outcome, target }] };
}

export function disconnect(definition: DefinitionJson, source: string, outcome: string): DefinitionJson {
  return { ...definition, edges: definition.edges.filter((e) => !(e.source === source && e.outcome === outcome)) };
}

export function edgeId(edge: EdgeJson): string {
  return `${edge.source}\u0000${edge.outcome}\u0000${edge.target}`;
}

export function removeElements(definition: DefinitionJson, nodeIds: ReadonlySet<string>, edgeIds: ReadonlySet<string>): DefinitionJson {
  return {
    ...definition,
    nodes: definition.nodes.filter((n) => !nodeIds.has(n.id)),
    edges: definition.edges.filter((e) => !nodeIds.has(e.source) && !nodeIds.has(e.target) && !edgeIds.has(edgeId(e))),
  };
}

export function updateNode(definition: DefinitionJson, id: string, change: (node: NodeJson) => NodeJson): DefinitionJson {
  return { ...definition, nodes: definition.nodes.map((n) => (n.id === id ? change(n) : n)) };
}

/** One input of a node; undefined removes it, so what the engine's default covers stays out of the JSON. */
export function setInput(definition: DefinitionJson, id: string, input: string, value: unknown): DefinitionJson {
  return updateNode(definition, id, (node) => {
    const inputs = { ...(node.inputs ?? {}) };
    if (value === undefined) delete inputs[input];
    else inputs[input] = value;
    return { ...node, inputs };
  });
}

/** Renames a node's id and every edge that names it; null when the new id is empty, malformed or taken. */
export function renameNode(definition: DefinitionJson, from: string, to: string): DefinitionJson | null {
  if (from === to) return definition;
  if (!/^[A-Za-z][A-Za-z0-9_-]*$/.test(to) || definition.nodes.some((n) => n.id === to)) return null;
  return {
    ...definition,
    nodes: definition.nodes.map((n) => (n.id === from ? { ...n, id: to } : n)),
    edges: definition.edges.map((e) => ({
      ...e,
      source: e.source === from ? to : e.source,
      target: e.target === from ? to : e.target,
    })),
  };
}

/** Why an id cannot be used, or null when it can. */
export function nodeIdError(definition: DefinitionJson, current: string, wanted: string): string | null {
  if (wanted === current) return null;
  if (!wanted) return '请填写节点标识。';
  if (!/^[A-Za-z][A-Za-z0-9_-]*$/.test(wanted)) return '节点标识以字母开头，只能含字母、数字、“-”和“_”。';
  if (definition.nodes.some((n) => n.id === wanted)) return `已有标识为“${wanted}”的节点。`;
  return null;
}

export function movePositions(definition: DefinitionJson, positions: ReadonlyMap<string, Position>): DefinitionJson {
  return {
    ...definition,
    nodes: definition.nodes.map((n) => (positions.has(n.id) ? { ...n, position: rounded(positions.get(n.id)!) } : n)),
  };
}

export interface Clip {
  nodes: NodeJson[];
  edges: EdgeJson[];
}

/** The chosen nodes and the edges between them. */
export function copyNodes(definition: DefinitionJson, ids: ReadonlySet<string>): Clip | null {
  const nodes = definition.nodes.filter((n) => ids.has(n.id));
  if (nodes.length === 0) return null;
  return { nodes, edges: definition.edges.filter((e) => ids.has(e.source) && ids.has(e.target)) };
}

/** The clip's nodes under fresh ids, moved by offset, their inner edges kept; returns the new ids too. */
export function paste(definition: DefinitionJson, clip: Clip, offset: Position): [DefinitionJson, string[]] {
  const taken = new Set(definition.nodes.map((n) => n.id));
  const renamed = new Map<string, string>();
  const nodes = clip.nodes.map((node) => {
    const id = freshId(node.id.replace(/-\d+$/, ''), taken);
    taken.add(id);
    renamed.set(node.id, id);
    const at = node.position ?? { x: 0, y: 0 };
    return { ...structuredClone(node), id, position: rounded({ x: at.x + offset.x, y: at.y + offset.y }) };
  });
  const edges = clip.edges.map((e) => ({ ...e, source: renamed.get(e.source)!, target: renamed.get(e.target)! }));
  return [{ ...definition, nodes: [...definition.nodes, ...nodes], edges: [...definition.edges, ...edges] }, nodes.map((n) => n.id)];
}

/** Undo and redo over snapshots; a new edit drops what was undone. */
export interface History {
  past: DefinitionJson[];
  present: DefinitionJson;
  future: DefinitionJson[];
  /** What the last edit changed (one node's input, the process name, …): typing into it is one step to undo. */
  lastKey?: string;
}

const historyLimit = 200;

export function startHistory(definition: DefinitionJson): History {
  return { past: [], present: definition, future: [] };
}

/** A new edit; one with the same key as the edit before it (the next keystroke in the same field) joins that edit. */
export function record(history: History, next: DefinitionJson, key?: string): History {
  if (next === history.present) return history;
  if (key !== undefined && key === history.lastKey && history.future.length === 0) {
    return { ...history, present: next };
  }
  return { past: [...history.past, history.present].slice(-historyLimit), present: next, future: [], lastKey: key };
}

export function undo(history: History): History {
  if (history.past.length === 0) return history;
  return {
    lastKey: undefined,
    past: history.past.slice(0, -1),
    present: history.past[history.past.length - 1]!,
    future: [history.present, ...history.future],
  };
}

export function redo(history: History): History {
  if (history.future.length === 0) return history;
  return { past: [...history.past, history.present], present: history.future[0]!, future: history.future.slice(1), lastKey: undefined };
}

/** The problems per node id; those of the definition as a whole under "". */
export function problemsByNode(problems: Problem[]): Map<string, Problem[]> {
  const byNode = new Map<string, Problem[]>();
  for (const problem of problems) {
    const key = problem.nodeId ?? '';
    byNode.set(key, [...(byNode.get(key) ?? []), problem]);
  }
  return byNode;
}

/**
 * A node's outcomes: what the validator last read from it, else what its activity declares. Outcomes an edge still
 * uses but the node no longer has are kept (marked), so a stale edge stays visible until it is removed.
 */
export function outcomesOf(
  node: NodeJson,
  catalogue: ReadonlyMap<string, CatalogueEntry>,
  reported: Record<string, Outcome[]> | undefined,
  edges: EdgeJson[],
): (Outcome & { stale?: boolean })[] {
  const known: (Outcome & { stale?: boolean })[] = reported?.[node.id] ?? catalogue.get(node.kind)?.outcomes ?? [];
  const names = new Set(known.map((o) => o.name));
  const stale = edges
    .filter((e) => e.source === node.id && !names.has(e.outcome))
    .map((e) => ({ name: e.outcome, displayName: e.outcome, stale: true }));
  return [...known, ...stale.filter((o, i) => stale.findIndex((s) => s.name === o.name) === i)];
}

/** The start form: the one the Start node names, else the form "start", else the first. */
export function startFormOf(definition: DefinitionJson): FormSchema | undefined {
  const forms = definition.forms ?? [];
  const named = definition.nodes.map((n) => n.inputs?.form).find((f): f is string => typeof f === 'string' && forms.some((x) => x.id === f));
  return forms.find((f) => f.id === named) ?? forms.find((f) => f.id === 'start') ?? forms[0];
}

/**
 * The undo key of a form edit: the one field property it changed (so typing a label is one step), or undefined for
 * anything larger (a field added, removed or moved).
 */
export function formEditKey(before: FormSchema | undefined, after: FormSchema): string | undefined {
  if (!before) return undefined;
  if (before.title !== after.title) return before.fields === after.fields ? 'form:title' : undefined;
  if (before.fields.length !== after.fields.length) return undefined;
  const changed = after.fields.flatMap((field, i) => (field === before.fields[i] ? [] : [i]));
  if (changed.length !== 1) return undefined;
  const i = changed[0]!;
  const was = before.fields[i]! as unknown as Record<string, unknown>;
  const now = after.fields[i]! as unknown as Record<string, unknown>;
  const props = [...new Set([...Object.keys(was), ...Object.keys(now)])].filter((k) => JSON.stringify(was[k]) !== JSON.stringify(now[k]));
  return props.length === 1 ? `form:${i}:${props[0]}` : undefined;
}

export function replaceForm(definition: DefinitionJson, form: FormSchema): DefinitionJson {
  const forms = definition.forms ?? [];
  return {
    ...definition,
    forms: forms.some((f) => f.id === form.id) ? forms.map((f) => (f.id === form.id ? form : f)) : [...forms, form],
  };
}

function rounded(position: Position): Position {
  return { x: Math.round(position.x), y: Math.round(position.y) };
}
