// 办理记录 as a person reads it: each entry once, a decision with its outcome's Chinese name, and a comment shown once.
// The engine journals a return or a resubmission twice (the decision, then the step it causes), both carrying the
// same comment; the second copy is left out.
import type { TimelineEntry } from '../types';

export interface TimelineItem {
  key: number;
  at: string;
  label: string;
  nodeName: string | null;
  actorName: string | null;
  outcomeName: string | null;
  comment: string | null;
}

function textOf(data: unknown, field: string): string | null {
  if (data && typeof data === 'object' && field in data) {
    const value = (data as Record<string, unknown>)[field];
    if (typeof value === 'string' && value.trim() !== '') return value.trim();
  }
  return null;
}

/** The comment an entry carries: a decision's or a step's "comment", a remark's "text". */
export function commentOf(entry: TimelineEntry): string | null {
  return entry.kind === 'comment' ? textOf(entry.data, 'text') : textOf(entry.data, 'comment');
}

export function timelineItems(entries: TimelineEntry[]): TimelineItem[] {
  const lastDecision = new Map<string, string>();
  return entries.map((entry) => {
    const actor = entry.actorName ?? '';
    let comment = commentOf(entry);
    if (entry.kind === 'decision') {
      if (comment) lastDecision.set(actor, comment);
      else lastDecision.delete(actor);
    } else if (comment !== null && lastDecision.get(actor) === comment) {
      comment = null;
      lastDecision.delete(actor);
    }
    return {
      key: entry.sequence,
      at: entry.at,
      label: entry.label,
      nodeName: entry.nodeName,
      actorName: entry.actorName,
      outcomeName: entry.kind === 'decision' ? entry.outcomeName : null,
      comment,
    };
  });
}
