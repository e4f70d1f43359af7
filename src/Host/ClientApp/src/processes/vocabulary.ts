// The activity catalogue's Chinese names for what a definition stores by code: kinds, inputs and outcomes.
import type { CatalogueEntry } from './types';

/** The Chinese names the catalogue gives activity kinds, their inputs and outcomes; the raw name when it has none. */
export interface Vocabulary {
  kindName(kind: string): string;
  inputName(kind: string, input: string): string;
  outcomeName(kind: string, outcome: string): string;
}

export function vocabularyOf(catalogue: readonly CatalogueEntry[]): Vocabulary {
  const byKind = new Map(catalogue.map((entry) => [entry.kind, entry]));
  return {
    kindName: (kind) => byKind.get(kind)?.displayName ?? kind,
    inputName: (kind, input) => byKind.get(kind)?.inputs.find((i) => i.name === input)?.displayName ?? input,
    outcomeName: (kind, outcome) => byKind.get(kind)?.outcomes.find((o) => o.name === outcome)?.displayName ?? outcome,
  };
}
