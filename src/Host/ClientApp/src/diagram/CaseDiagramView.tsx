// 流程图: the case's process, read-only, laid out by elkjs; loaded on its own so the work list does not pay for it.
import { memo, useMemo } from 'react';
import { Alert, Skeleton, Space } from 'antd';
import { Controls, Handle, Position, ReactFlow } from '@xyflow/react';
import type { NodeProps, NodeTypes } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import type { CaseDiagram } from '../types';
import { readOnlyFlow } from './ariaLabels';
import { legendOf, statusColors, statusNames, toFlow } from './flow';
import type { StepNode } from './flow';
import { stepHeight, stepWidth, useLaidOut } from './layout';
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

export default function CaseDiagramView({ diagram }: { diagram: CaseDiagram }) {
  const flow = useMemo(() => toFlow(diagram), [diagram]);
  const { nodes, failed } = useLaidOut(flow);

  if (failed) return <Alert type="error" showIcon title="流程图排版失败，请刷新页面重试。" />;
  if (!nodes) return <Skeleton active paragraph={{ rows: 4 }} />;
  return (
    <div className="case-diagram-wrap">
      <div className="case-diagram" data-testid="case-diagram">
        <ReactFlow
          nodes={nodes}
          edges={flow.edges}
          nodeTypes={nodeTypes}
          {...readOnlyFlow}
          minZoom={0.3}
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
