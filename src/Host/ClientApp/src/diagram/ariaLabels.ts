// What a screen reader says about a read-only diagram's canvas and controls, in Chinese.
import type { AriaLabelConfig } from '@xyflow/react';

/** The canvas's controls, the same on every diagram. */
export const controlLabels: Partial<AriaLabelConfig> = {
  'controls.ariaLabel': '缩放控制',
  'controls.zoomIn.ariaLabel': '放大',
  'controls.zoomOut.ariaLabel': '缩小',
  'controls.fitView.ariaLabel': '适应窗口',
  'minimap.ariaLabel': '缩略图',
  'handle.ariaLabel': '连接点',
};

export const ariaLabels: Partial<AriaLabelConfig> = {
  ...controlLabels,
  'node.a11yDescription.default': '流程环节，只读。',
  'node.a11yDescription.keyboardDisabled': '流程环节，只读。',
  'node.a11yDescription.ariaLiveMessage': () => '',
  'edge.a11yDescription.default': '流程连线，只读。',
  'controls.interactive.ariaLabel': '切换交互',
};

/**
 * What every read-only diagram (a case's, a comparison of versions) passes to ReactFlow: fitted, nothing dragged,
 * connected or selected, and the page scrolls past it instead of zooming it.
 */
export const readOnlyFlow = {
  fitView: true,
  proOptions: { hideAttribution: true },
  fitViewOptions: { padding: 0.06, maxZoom: 1 },
  maxZoom: 1.5,
  nodesDraggable: false,
  nodesConnectable: false,
  elementsSelectable: false,
  zoomOnScroll: false,
  preventScrolling: false,
  ariaLabelConfig: ariaLabels,
} as const;
