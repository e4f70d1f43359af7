// Any value as JSON text, checked as it is typed: the editor of "json" inputs and of every value no other editor fits.
import { useEffect, useRef, useState } from 'react';
import { Input, Typography } from 'antd';
import { jsonText, parseJsonText } from './values';

interface JsonEditorProps {
  testId: string;
  label: string;
  value: unknown;
  onChange: (value: unknown) => void;
  id?: string;
  /** Why the value is shown as JSON, when another editor was meant for it. */
  note?: string;
}

export function JsonEditor({ testId, label, value, onChange, id, note }: JsonEditorProps) {
  const [text, setText] = useState(() => jsonText(value));
  const [error, setError] = useState<string | null>(null);
  const sent = useRef(JSON.stringify(value ?? null));
  useEffect(() => {
    const incoming = JSON.stringify(value ?? null);
    if (incoming !== sent.current) {
      sent.current = incoming;
      setText(jsonText(value));
      setError(null);
    }
  }, [value]);

  return (
    <div>
      {note && <Typography.Paragraph type="secondary" className="designer-note">{note}</Typography.Paragraph>}
      <Input.TextArea
        id={id}
        data-testid={testId}
        aria-label={label}
        aria-invalid={error !== null}
        className="designer-code"
        autoSize={{ minRows: 3, maxRows: 14 }}
        spellCheck={false}
        status={error ? 'error' : undefined}
        placeholder={'请填写 JSON，如 {"名称": "值"}'}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          const parsed = parseJsonText(e.target.value);
          if (parsed.ok) {
            setError(null);
            sent.current = JSON.stringify(parsed.value ?? null);
            onChange(parsed.value);
          } else {
            setError(parsed.error);
          }
        }}
      />
      {error && <Typography.Text type="danger" role="alert" data-testid={`${testId}-error`}>{error}</Typography.Text>}
    </div>
  );
}
