// 流程图: the case's process, read-only, laid out by elkjs; loaded on its own so the work list does not pay for it.
import { memo, useEffect, useMemo, useState } from 'react';
import { Alert, Skeleton, Space } from 'antd';
import { Controls, Handle, Position, ReactFlow } from '@xyflow/react';
import type { AriaLabelConfig, NodeProps, NodeTypes } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import type { CaseDiagram } from '../types';
import { legendOf, statusColors, statusNames, toFlow } from './flow';
import type { StepNode } from './flow';
import { layoutFlow, stepHeight, stepWidth } from './layout';
import './diagram.css';

const StepView = memo(function StepView({ id, data }: NodeProps<StepNode>) {
  return (
    <div
      className={`step-node step-${data.status}`}
      style={{ width: stepWidth, height: stepHeight, borderColor: statusColors[data.status] }}
      data-testid={`step-${id}`}
      data-status={data.status}
      title={`${data.name}（${data.kindName}）：${statusNames[data.status]}`}
    >
      <Handle type="target" position={Position.Left} isConnectable={false} />
      <div className="step-name">{data.name}</div>
      <div className="step-meta">
        {data.kindName} · <span style={{ color: statusColors[data.status] }}>{statusNames[data.status]}</span>
      </div>
      <Handle type="source" position={Position.Right} isConnectable={false} />
    </div>
  );
});

const nodeTypes: NodeTypes = { step: StepView };

/** What a screen reader says about the canvas and its controls, in Chinese. */
const ariaLabels: Partial<AriaLabelConfig> = {
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

export default function CaseDiagramView({ diagram }: { diagram: CaseDiagram }) {
  const flow = useMemo(() => toFlow(diagram), [diagram]);
  const [nodes, setNodes] = useState<StepNode[] | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let live = true;
    setNodes(null);
    layoutFlow(flow).then(
      (placed) => live && setNodes(placed),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [flow]);

  if (failed) return <Alert type="error" showIcon title="流程图排版失败，请刷新页面重试。" />;
  if (!nodes) return <Skeleton active paragraph={{ rows: 4 }} />;
  return (
    <div className="case-diagram-wrap">
      <div className="case-diagram" data-testid="case-diagram">
        <ReactFlow
          nodes={nodes}
          edges={flow.edges}
          nodeTypes={nodeTypes}
          fitView
          proOptions={{ hideAttribution: true }}
          fitViewOptions={{ padding: 0.06, maxZoom: 1 }}
          minZoom={0.3}
          maxZoom={1.5}
          nodesDraggable={false}
          nodesConnectable={false}
          elementsSelectable={false}
          zoomOnScroll={false}
          preventScrolling={false}
          ariaLabelConfig={ariaLabels}
          aria-label="流程图"
        >
          <Controls showInteractive={false} />
        </ReactFlow>
      </div>
      <Space className="diagram-legend" size="large" wrap data-testid="diagram-legend">
        {legendOf(flow).map((status) => (
          <span key={status} className="legend-item">
            <span className={`legend-swatch step-${status}`} style={{ borderColor: statusColors[status] }} />
            {statusNames[status]}
          </span>
        ))}
        <span className="legend-item">
          <span className="legend-line legend-taken" />
          已走路线
        </span>
      </Space>
    </div>
  );
}
