// What a screen reader says about a read-only diagram's canvas and controls, in Chinese.
import type { AriaLabelConfig } from '@xyflow/react';

export const ariaLabels: Partial<AriaLabelConfig> = {
  'node.a11yDescription.default': '流程环节，只读。',
  'node.a11yDescription.keyboardDisabled': '流程环节，只读。',
  'node.a11yDescription.ariaLiveMessage': () => '',
  'edge.a11yDescription.default': '流程连线，只读。',
  'controls.ariaLabel': '缩放控制',
  'controls.zoomIn.ariaLabel': '放大',
  'controls.zoomOut.ariaLabel': '缩小',
  'controls.fitView.ariaLabel': '适应窗口',
  'controls.interactive.ariaLabel': '切换交互',
  'minimap.ariaLabel': '缩略图',
  'handle.ariaLabel': '连接点',
};
