import { describe, expect, it } from 'vitest';
import { describeAssignee, fitsAssignee, fixedOrgChoice, fromDraft, matchOrg, orgChoices, roleChoices, toDraft, type AssigneeOptions } from './assignee';

// The shape GET /api/definitions/assignee-options answers with.
const options: AssigneeOptions = {
  roles: [
    { name: 'city_reviewer', displayName: '盟市审核人', orgKind: 'City', orgKindName: '盟市人社局' },
    { name: 'expert', displayName: '评审专家', orgKind: null, orgKindName: null },
  ],
  orgs: [
    { path: 'initiator', displayName: '申请单位本身' },
    { path: 'initiator.parent', displayName: '申请单位的上级（盟市人社局）' },
    { path: 'initiator.parent.bureau:education', displayName: '盟市教育局' },
    { path: 'form.{field}', displayName: '表单字段指定的单位' },
    { path: 'form.{field}.parent', displayName: '表单字段指定单位的上级' },
  ],
  users: [{ id: 'initiator', displayName: '申请人本人' }],
};

describe('assignee picker', () => {
  it('reads a relative org as its option, a form-field org with its field, anything else as a fixed organisation', () => {
    expect(toDraft({ role: 'city_reviewer', org: 'initiator.parent' }, options.orgs)).toEqual({ mode: 'role', role: 'city_reviewer', org: 'initiator.parent' });
    expect(toDraft({ role: 'school_applicant', org: 'form.schoolId.parent' }, options.orgs))
      .toEqual({ mode: 'role', role: 'school_applicant', org: 'form.{field}.parent', field: 'schoolId' });
    expect(toDraft({ role: 'province_reviewer', org: '150000' }, options.orgs))
      .toEqual({ mode: 'role', role: 'province_reviewer', org: fixedOrgChoice, fixedOrg: '150000' });
    expect(toDraft({ user: 'initiator' }, options.orgs)).toEqual({ mode: 'user', user: 'initiator' });
    expect(toDraft(undefined, options.orgs)).toEqual({ mode: 'role', role: undefined });
  });

  it('does not take a dotted org that is no option for a field path', () => {
    expect(matchOrg('form.schoolId', options.orgs)).toEqual({ path: 'form.{field}', field: 'schoolId' });
    expect(matchOrg('form.a.b', options.orgs)).toBeNull();
    expect(matchOrg('initiatorXparent', options.orgs)).toBeNull();
  });

  it('writes back what the choices make, leaving the org out until its field or organisation is picked', () => {
    expect(fromDraft({ mode: 'role', role: 'city_reviewer', org: 'initiator.parent' })).toEqual({ role: 'city_reviewer', org: 'initiator.parent' });
    expect(fromDraft({ mode: 'role', role: 'expert', org: 'form.{field}.parent' })).toEqual({ role: 'expert' });
    expect(fromDraft({ mode: 'role', role: 'expert', org: 'form.{field}', field: 'schoolId' })).toEqual({ role: 'expert', org: 'form.schoolId' });
    expect(fromDraft({ mode: 'role', role: 'expert', org: fixedOrgChoice, fixedOrg: '150100-edu' })).toEqual({ role: 'expert', org: '150100-edu' });
    expect(fromDraft({ mode: 'user', user: 'u-42' })).toEqual({ user: 'u-42' });
    expect(fromDraft({ mode: 'user' })).toBeUndefined();
    expect(fromDraft({ mode: 'role' })).toBeUndefined();
  });

  it('round-trips every stored shape unchanged', () => {
    for (const value of [
      { role: 'city_reviewer', org: 'initiator.parent' },
      { role: 'finance_officer', org: 'initiator.parent.bureau:education' },
      { role: 'school_applicant', org: 'form.schoolId' },
      { role: 'province_reviewer', org: '150000' },
      { role: 'expert' },
      { user: 'initiator' },
    ]) {
      expect(fromDraft(toDraft(value, options.orgs))).toEqual(value);
    }
  });

  it('maps the options to Chinese choices, with the fixed organisation last', () => {
    expect(roleChoices(options)).toEqual([
      { value: 'city_reviewer', label: '盟市审核人（盟市人社局）' },
      { value: 'expert', label: '评审专家' },
    ]);
    const orgs = orgChoices(options);
    expect(orgs[0]).toEqual({ value: 'initiator', label: '申请单位本身' });
    expect(orgs.at(-1)!.value).toBe(fixedOrgChoice);
  });

  it('fits only role/org/user texts and not a person together with a role', () => {
    expect(fitsAssignee({ role: 'expert', org: 'initiator' })).toBe(true);
    expect(fitsAssignee({ user: 'u-1', role: 'expert' })).toBe(false);
    expect(fitsAssignee({ role: 1 })).toBe(false);
    expect(fitsAssignee([])).toBe(false);
  });

  it('describes an assignee in Chinese', () => {
    expect(describeAssignee({ role: 'city_reviewer', org: 'initiator.parent' }, options)).toBe('盟市审核人 · 申请单位的上级（盟市人社局）');
    expect(describeAssignee({ role: 'expert', org: 'form.schoolId' }, options)).toBe('评审专家 · 表单字段指定的单位（字段 schoolId）');
    expect(describeAssignee({ role: 'expert', org: '150000' }, options, new Map([['150000', '内蒙古自治区人力资源和社会保障厅']])))
      .toBe('评审专家 · 内蒙古自治区人力资源和社会保障厅');
    expect(describeAssignee({ user: 'initiator' }, options)).toBe('指定人员：申请人本人');
  });
});
