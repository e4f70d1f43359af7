// 版本对比图: two versions as one read-only diagram laid out by elkjs; added steps green, removed red and dashed,
// changed orange with what changed on hover.
import { memo, useEffect, useState } from 'react';
import { Alert, Skeleton, Space, Tooltip } from 'antd';
import { Controls, Handle, Position, ReactFlow } from '@xyflow/react';
import type { NodeProps, NodeTypes } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { readOnlyFlow } from '../diagram/ariaLabels';
import { stepHeight, stepWidth, useLaidOut } from '../diagram/layout';
import '../diagram/diagram.css';
import { markColors, markNames } from './versionDiff';
import type { DiffFlow, DiffMark, DiffNode } from './versionDiff';
import './processes.css';

const DiffStep = memo(function DiffStep({ id, data }: NodeProps<DiffNode>) {
  const box = (
    <div
      className={`step-node diff-node diff-${data.mark}`}
      style={{ width: stepWidth, height: stepHeight, borderColor: markColors[data.mark] }}
      data-testid={`diff-node-${id}`}
      data-mark={data.mark}
      aria-label={`${data.name}（${data.kindName}）：${markNames[data.mark]}${data.details.length > 0 ? `，${data.details.join('；')}` : ''}`}
    >
      <Handle type="target" position={Position.Left} isConnectable={false} />
      <div className="step-name">{data.name}</div>
      <div className="step-meta">
        {data.kindName}
        {data.mark !== 'same' && <> · <span style={{ color: markColors[data.mark] }}>{markNames[data.mark]}</span></>}
      </div>
      <Handle type="source" position={Position.Right} isConnectable={false} />
    </div>
  );
  return data.details.length > 0 ? (
    <Tooltip title={<div>{data.details.map((line) => <div key={line}>{line}</div>)}</div>}>{box}</Tooltip>
  ) : (
    box
  );
});

const nodeTypes: NodeTypes = { diff: DiffStep };

const legend: DiffMark[] = ['added', 'removed', 'changed', 'same'];

export default function VersionDiffDiagram({ flow }: { flow: DiffFlow }) {
  const { nodes, failed } = useLaidOut(flow);
  const [picked, setPicked] = useState<DiffNode | null>(null);
  useEffect(() => setPicked(null), [flow]);

  if (failed) return <Alert type="error" showIcon title="对比图排版失败，请关闭后重试。" />;
  if (!nodes) return <Skeleton active paragraph={{ rows: 4 }} />;
  return (
    <div>
      <div className="diff-diagram" data-testid="version-diff-diagram">
        <ReactFlow
          nodes={nodes}
          edges={flow.edges}
          nodeTypes={nodeTypes}
          {...readOnlyFlow}
          minZoom={0.2}
          // A click handler also gives the nodes pointer events, which read-only xyflow nodes otherwise lack: the
          // tooltip needs them.
          onNodeClick={(_event, node) => setPicked(node)}
          aria-label="版本对比图"
        >
          <Controls showInteractive={false} />
        </ReactFlow>
      </div>
      {picked && (
        <Alert
          style={{ marginTop: 8 }}
          type={picked.data.mark === 'same' ? 'info' : 'warning'}
          closable={{ onClose: () => setPicked(null) }}
          title={`${picked.data.name}（${picked.data.kindName}）：${markNames[picked.data.mark]}`}
          description={picked.data.details.length > 0 ? picked.data.details.join('；') : undefined}
          data-testid="diff-picked"
        />
      )}
      <Space className="diagram-legend" size="large" wrap>
        {legend.map((mark) => (
          <span key={mark} className="legend-item">
            <span className={`legend-swatch diff-${mark}`} style={{ borderColor: markColors[mark] }} />
            {markNames[mark]}
          </span>
        ))}
        <span className="legend-item">悬停或点击橙色环节可查看修改内容</span>
      </Space>
    </div>
  );
}
