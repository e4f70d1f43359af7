// One step on the canvas: its name and activity, a red mark with the validator's problems, an entry handle on top
// and one exit handle per outcome at the bottom (the handle id is the outcome's name).
import { memo } from 'react';
import { Handle, Position } from '@xyflow/react';
import type { Node, NodeProps } from '@xyflow/react';
import type { Outcome, Problem } from './model';
import { nodeHeight, nodeWidth } from './layout';

export interface StepData extends Record<string, unknown> {
  name: string;
  kindName: string;
  outcomes: (Outcome & { stale?: boolean })[];
  problems: Problem[];
  onRoute: boolean;
}

export type StepFlowNode = Node<StepData, 'step'>;

export const StepNode = memo(function StepNode({ id, data, selected }: NodeProps<StepFlowNode>) {
  const width = nodeWidth(data.outcomes.length);
  const classes = ['designer-step'];
  if (data.problems.length > 0) classes.push('has-problems');
  if (selected) classes.push('selected');
  if (data.onRoute) classes.push('on-route');
  return (
    <div
      className={classes.join(' ')}
      style={{ width, height: nodeHeight }}
      data-testid={`node-${id}`}
      data-problems={data.problems.length}
      title={data.problems.map((p) => p.message).join('\n') || undefined}
    >
      <Handle type="target" position={Position.Top} id="in" aria-label={`连入“${data.name}”`} />
      <div className="designer-step-name">{data.name}</div>
      <div className="designer-step-kind">
        {data.kindName}
        {data.problems.length > 0 && (
          <span className="designer-step-problems" data-testid={`node-${id}-problems`}>
            {data.problems.length} 处问题
          </span>
        )}
      </div>
      {data.outcomes.map((outcome, index) => {
        const left = ((index + 1) * width) / (data.outcomes.length + 1);
        return (
          <div key={outcome.name}>
            <span className={`designer-outcome${outcome.stale ? ' stale' : ''}`} style={{ left }}>
              {outcome.displayName}
            </span>
            <Handle
              type="source"
              position={Position.Bottom}
              id={outcome.name}
              style={{ left }}
              data-testid={`handle-${id}-${outcome.name}`}
              aria-label={`“${data.name}”的结果“${outcome.displayName}”`}
            />
          </div>
        );
      })}
    </div>
  );
});
