import { describe, expect, it } from 'vitest';
import type { TimelineEntry } from '../types';
import { timelineItems } from './timeline';

let sequence = 0;
const entry = (kind: string, label: string, actorName: string | null, data: unknown, outcomeName: string | null = null): TimelineEntry => ({
  sequence: ++sequence, at: '2026-03-02T01:00:00Z', kind, label, nodeName: '市人社局审核', actorName, data, outcomeName,
});

describe('timelineItems', () => {
  it('shows the comment of a return once, on the decision with its outcome name', () => {
    const items = timelineItems([
      entry('decision', '办理意见', '审核员', { outcome: 'return', comment: '请补充实训设备清单' }, '退回修改'),
      entry('task-created', '生成待办', '审核员', {}),
      entry('returned', '退回修改', '审核员', { to: 'applicant', comment: '请补充实训设备清单' }),
    ]);

    expect(items.map((i) => [i.label, i.outcomeName, i.comment])).toEqual([
      ['办理意见', '退回修改', '请补充实训设备清单'],
      ['生成待办', null, null],
      ['退回修改', null, null],
    ]);
  });

  it('keeps the same words said again in a later decision, and a remark by someone else', () => {
    const items = timelineItems([
      entry('decision', '办理意见', '审核员', { outcome: 'approve', comment: '同意' }, '同意'),
      entry('comment', '发表意见', '经办人', { text: '同意' }),
      entry('decision', '办理意见', '审核员', { outcome: 'approve', comment: '同意' }, '同意'),
      entry('resubmitted', '重新提交', '经办人', { comment: '已修改' }),
    ]);

    expect(items.map((i) => i.comment)).toEqual(['同意', '同意', '同意', '已修改']);
  });
});
