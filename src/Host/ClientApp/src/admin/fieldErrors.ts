// A refused save's field errors, split into those a dialog's fields show beside themselves and the rest, which the
// dialog shows as one message (a field the dialog does not have, or an error about the request as a whole).
import { ApiError } from '../api';

export interface SplitErrors {
  fields: { name: string; errors: string[] }[];
  rest: string[];
}

export function splitFieldErrors(errors: Record<string, string[]>, known: readonly string[]): SplitErrors {
  const fields: SplitErrors['fields'] = [];
  const rest: string[] = [];
  for (const [key, messages] of Object.entries(errors)) {
    const name = key.charAt(0).toLowerCase() + key.slice(1);
    if (known.includes(name)) {
      fields.push({ name, errors: messages });
    } else {
      rest.push(...messages);
    }
  }
  return { fields, rest };
}

/** What a dialog does with a refused save: each field error beside its field, the rest (or any other failure) as one message. */
export function reportSaveError(
  error: unknown,
  known: readonly string[],
  setFields: (fields: { name: string; errors: string[] }[]) => void,
  showMessage: (text: string) => void,
): void {
  if (error instanceof ApiError && Object.keys(error.fieldErrors).length > 0) {
    const { fields, rest } = splitFieldErrors(error.fieldErrors, known);
    setFields(fields);
    if (rest.length > 0) showMessage(rest.join(' '));
  } else {
    showMessage(error instanceof Error ? error.message : '保存失败');
  }
}
