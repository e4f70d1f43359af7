// The expression editor's logic apart from React: the names it offers to insert (form fields, variables) and where
// an insertion leaves the text and the cursor.
import type { FormField } from '../../types';

export interface ExpressionHint {
  /** What is inserted: form.majorName, vars.level. */
  text: string;
  label: string;
}

const identifier = /^[A-Za-z_$][\w$]*$/;

/** A form field or variable as the expression reads it; a name that is not an identifier needs brackets. */
function access(scope: string, name: string): string {
  return identifier.test(name) ? `${scope}.${name}` : `${scope}[${JSON.stringify(name)}]`;
}

export function expressionHints(fields: readonly FormField[], variables: readonly { name: string; label?: string }[]): ExpressionHint[] {
  return [
    ...fields.filter((f) => f.name).map((f) => ({ text: access('form', f.name), label: f.label || f.name })),
    ...variables.filter((v) => v.name).map((v) => ({ text: access('vars', v.name), label: v.label || v.name })),
  ];
}

/** The text with <insert> put in place of the selection [start, end), and the cursor just after it. */
export function insertAt(text: string, insert: string, start: number, end = start): { text: string; cursor: number } {
  const from = Math.max(0, Math.min(start, text.length));
  const to = Math.max(from, Math.min(end, text.length));
  return { text: text.slice(0, from) + insert + text.slice(to), cursor: from + insert.length };
}
