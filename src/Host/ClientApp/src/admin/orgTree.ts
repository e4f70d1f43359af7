// The organisation list the API gives, flat with parent ids, as the nested rows a tree table and a tree select
// show; a search that keeps the way down to each match; and the id a new school or bureau is offered.
import type { Organization } from './types';

export interface OrgNode extends Organization {
  /** Absent on a leaf, so the table shows no expand button there. */
  children?: OrgNode[];
}

/** Nests the rows under their parents in path order; a row whose parent is not in the list (a subtree's top) is a root. */
export function buildOrgTree(items: Organization[]): OrgNode[] {
  const nodes = new Map<string, OrgNode>();
  const sorted = [...items].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const item of sorted) nodes.set(item.id, { ...item });
  const roots: OrgNode[] = [];
  for (const item of sorted) {
    const node = nodes.get(item.id)!;
    const parent = item.parentId === null ? undefined : nodes.get(item.parentId);
    if (parent) {
      (parent.children ??= []).push(node);
    } else {
      roots.push(node);
    }
  }
  return roots;
}

/** The nodes whose name or id contains the words, with their ancestors (and a match's whole subtree); all when blank. */
export function filterOrgTree(nodes: OrgNode[], words: string): OrgNode[] {
  const q = words.trim().toLowerCase();
  if (q === '') return nodes;
  const keep = (node: OrgNode): OrgNode | null => {
    if (node.name.toLowerCase().includes(q) || node.id.toLowerCase().includes(q)) return node;
    const children = (node.children ?? []).map(keep).filter((c): c is OrgNode => c !== null);
    return children.length > 0 ? { ...node, children } : null;
  };
  return nodes.map(keep).filter((n): n is OrgNode => n !== null);
}

/** The ids of every node that has children: a search result opens all the way down. */
export function branchIds(nodes: OrgNode[]): string[] {
  return nodes.flatMap((n) => (n.children ? [n.id, ...branchIds(n.children)] : []));
}

export interface TreeSelectNode {
  value: string;
  title: string;
  children?: TreeSelectNode[];
}

export function toTreeSelect(nodes: OrgNode[]): TreeSelectNode[] {
  return nodes.map((n) => ({ value: n.id, title: n.name, ...(n.children ? { children: toTreeSelect(n.children) } : {}) }));
}

/** The seeded way of numbering: a city's schools "150100-07", its bureaus "150100-edu" and "150100-fin". */
export function suggestOrgId(parentId: string, kind: string, items: Organization[]): string {
  if (kind === 'EducationBureau') return `${parentId}-edu`;
  if (kind === 'FinanceBureau') return `${parentId}-fin`;
  const taken = new Set(items.map((o) => o.id));
  let number = 1;
  while (taken.has(`${parentId}-${String(number).padStart(2, '0')}`)) number++;
  return `${parentId}-${String(number).padStart(2, '0')}`;
}
