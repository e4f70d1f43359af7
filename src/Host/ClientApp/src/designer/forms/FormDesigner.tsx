// Placeholder until the form designer lands.
import type { FormSchema } from '../../types';

export function FormDesigner(props: { form: FormSchema; onChange: (form: FormSchema) => void }) {
  return <pre data-testid="form-designer">{JSON.stringify(props.form, null, 2)}</pre>;
}
