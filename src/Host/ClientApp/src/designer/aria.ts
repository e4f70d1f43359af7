// What a screen reader says about the designer's canvas and its controls, in Chinese.
import type { AriaLabelConfig } from '@xyflow/react';

export const ariaLabels: Partial<AriaLabelConfig> = {
  'node.a11yDescription.default': '按 Enter 或空格选中节点，按 Delete 删除，方向键移动。',
  'node.a11yDescription.keyboardDisabled': '按 Enter 或空格选中节点，按 Delete 删除。',
  'node.a11yDescription.ariaLiveMessage': ({ direction, x, y }) => `节点已向${direction}移动，位置 ${x}，${y}`,
  'edge.a11yDescription.default': '按 Enter 或空格选中连线，按 Delete 删除。',
  'controls.ariaLabel': '缩放控制',
  'controls.zoomIn.ariaLabel': '放大',
  'controls.zoomOut.ariaLabel': '缩小',
  'controls.fitView.ariaLabel': '适应窗口',
  'controls.interactive.ariaLabel': '锁定或解锁画布',
  'minimap.ariaLabel': '缩略图',
  'handle.ariaLabel': '连接点',
};
