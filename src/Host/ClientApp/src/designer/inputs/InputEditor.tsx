// Placeholder until the input editors land: every input edited as JSON.
import { Input } from 'antd';
import type { FormField } from '../../types';

export interface CatalogueInput {
  name: string;
  displayName: string;
  type: string;
  required: boolean;
  default?: unknown;
  editor: string;
  description?: string | null;
  options?: string[] | null;
}

export interface EditorContext {
  fields: FormField[];
  nodes: { id: string; name?: string; kind: string }[];
  variables: { name: string; label?: string }[];
  definitions: { id: string; name: string }[];
}

export function InputEditor(props: { input: CatalogueInput; value: unknown; onChange: (value: unknown) => void; context: EditorContext; id?: string }) {
  return (
    <Input.TextArea
      id={props.id}
      data-testid={`input-${props.input.name}`}
      defaultValue={props.value === undefined ? '' : JSON.stringify(props.value)}
      onBlur={(e) => {
        const text = e.target.value.trim();
        if (!text) props.onChange(undefined);
        else {
          try {
            props.onChange(JSON.parse(text));
          } catch {
            props.onChange(text);
          }
        }
      }}
    />
  );
}
