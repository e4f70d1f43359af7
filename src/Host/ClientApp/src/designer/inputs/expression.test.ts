import { describe, expect, it } from 'vitest';
import { expressionHints, insertAt } from './expression';

describe('expression hints', () => {
  it('offers form fields and variables as the expression reads them, bracketing a name that is no identifier', () => {
    const hints = expressionHints(
      [{ name: 'majorName', label: '专业名称' }, { name: 'plan-2025', label: '计划' }],
      [{ name: 'level', label: '级别' }, { name: 'applications' }],
    );
    expect(hints).toEqual([
      { text: 'form.majorName', label: '专业名称' },
      { text: 'form["plan-2025"]', label: '计划' },
      { text: 'vars.level', label: '级别' },
      { text: 'vars.applications', label: 'applications' },
    ]);
  });

  it('inserts in place of the selection and puts the cursor after the insertion', () => {
    expect(insertAt('a >  ', 'form.amount', 4)).toEqual({ text: 'a > form.amount ', cursor: 15 });
    expect(insertAt('x + old', 'vars.y', 4, 7)).toEqual({ text: 'x + vars.y', cursor: 10 });
    expect(insertAt('', 'vars.y', 10)).toEqual({ text: 'vars.y', cursor: 6 });
  });
});
