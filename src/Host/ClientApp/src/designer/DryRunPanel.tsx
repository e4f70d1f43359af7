// Placeholder until the dry-run panel lands.
import type { FormSchema } from '../types';

export function DryRunPanel(props: {
  definitionId: string;
  form: FormSchema | undefined;
  nodes: { id: string; name?: string; kind: string }[];
  saveDraft: () => Promise<boolean>;
  onRoute: (nodeIds: string[]) => void;
}) {
  return <div data-testid="dryrun-placeholder">{props.definitionId}</div>;
}
