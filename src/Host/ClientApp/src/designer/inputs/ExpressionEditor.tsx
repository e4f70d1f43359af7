// An expression typed in a monospace box, its syntax checked by the server 400 ms after typing stops, with the
// form's fields and the process variables offered for insertion at the cursor.
import { useEffect, useMemo, useRef, useState } from 'react';
import { Input, Select, Typography } from 'antd';
import type { TextAreaRef } from 'antd/es/input/TextArea';
import { api } from '../../api';
import type { FormField } from '../../types';
import { expressionHints, insertAt } from './expression';

export const checkDelayMs = 400;

type Check = { state: 'idle' } | { state: 'checking' } | { state: 'valid' } | { state: 'invalid'; message: string };

interface ExpressionEditorProps {
  testId: string;
  label: string;
  value: string | undefined;
  onChange: (value: string | undefined) => void;
  fields: FormField[];
  variables: { name: string; label?: string }[];
  id?: string;
  placeholder?: string;
}

export function ExpressionEditor({ testId, label, value, onChange, fields, variables, id, placeholder }: ExpressionEditorProps) {
  const [check, setCheck] = useState<Check>({ state: 'idle' });
  const box = useRef<TextAreaRef>(null);
  const hints = useMemo(() => expressionHints(fields, variables), [fields, variables]);

  useEffect(() => {
    const text = value ?? '';
    let current = true;
    const timer = setTimeout(async () => {
      if (text.trim() === '') {
        setCheck({ state: 'idle' });
        return;
      }
      setCheck({ state: 'checking' });
      try {
        const result = await api.post<{ valid: boolean; error?: string | null }>('/api/definitions/expressions/check', { expression: text });
        if (current) setCheck(result.valid ? { state: 'valid' } : { state: 'invalid', message: result.error ?? '表达式有语法错误。' });
      } catch (e) {
        if (current) setCheck({ state: 'invalid', message: e instanceof Error ? e.message : '暂时无法检查语法。' });
      }
    }, checkDelayMs);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [value]);

  const insert = (text: string) => {
    const element = box.current?.resizableTextArea?.textArea;
    const current = value ?? '';
    const start = element?.selectionStart ?? current.length;
    const end = element?.selectionEnd ?? current.length;
    const next = insertAt(current, text, start, end);
    onChange(next.text);
    requestAnimationFrame(() => {
      element?.focus();
      element?.setSelectionRange(next.cursor, next.cursor);
    });
  };

  const fieldHints = hints.filter((h) => h.text.startsWith('form'));
  const variableHints = hints.filter((h) => h.text.startsWith('vars'));
  return (
    <div className="designer-expression">
      <Input.TextArea
        ref={box}
        id={id}
        data-testid={testId}
        aria-label={label}
        className="designer-code"
        autoSize={{ minRows: 2, maxRows: 8 }}
        spellCheck={false}
        placeholder={placeholder ?? '如 form.amount > 10 && vars.level === \'national\''}
        value={value ?? ''}
        onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)}
      />
      <div className="designer-expression-bar">
        <div role="status" aria-live="polite" data-testid={`${testId}-check`} className="designer-expression-check">
          {check.state === 'checking' && <Typography.Text type="secondary">正在检查语法…</Typography.Text>}
          {check.state === 'valid' && <Typography.Text type="success">语法正确</Typography.Text>}
          {check.state === 'invalid' && <Typography.Text type="danger">{check.message}</Typography.Text>}
        </div>
        <Select<string>
          size="small"
          className="designer-expression-hint"
          data-testid={`${testId}-hint`}
          aria-label={`在${label}中插入表单字段或变量`}
          placeholder={hints.length === 0 ? '暂无可插入的字段或变量' : '插入字段或变量…'}
          disabled={hints.length === 0}
          value={null}
          showSearch={{ optionFilterProp: 'label' }}
          popupMatchSelectWidth={false}
          onSelect={(text) => insert(text)}
          options={[
            ...(fieldHints.length ? [{ label: '表单字段', options: fieldHints.map((h) => ({ value: h.text, label: `${h.label}（${h.text}）` })) }] : []),
            ...(variableHints.length ? [{ label: '流程变量', options: variableHints.map((h) => ({ value: h.text, label: `${h.label}（${h.text}）` })) }] : []),
          ]}
        />
      </div>
    </div>
  );
}
