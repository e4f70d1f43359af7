// A refused save's field errors, split into those a dialog's fields show beside themselves and the rest, which the
// dialog shows as one message (a field the dialog does not have, or an error about the request as a whole).
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
