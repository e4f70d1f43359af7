// What a screen reader says about the designer's canvas and its controls, in Chinese.
import type { AriaLabelConfig } from '@xyflow/react';
import { controlLabels } from '../diagram/ariaLabels';

export const ariaLabels: Partial<AriaLabelConfig> = {
  ...controlLabels,
  'node.a11yDescription.default': '按 Enter 或空格选中节点，按 Delete 删除，方向键移动。',
  'node.a11yDescription.keyboardDisabled': '按 Enter 或空格选中节点，按 Delete 删除。',
  'node.a11yDescription.ariaLiveMessage': ({ direction, x, y }) => `节点已向${direction}移动，位置 ${x}，${y}`,
  'edge.a11yDescription.default': '按 Enter 或空格选中连线，按 Delete 删除。',
  'controls.interactive.ariaLabel': '锁定或解锁画布',
};
