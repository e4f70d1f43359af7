import { describe, expect, it } from 'vitest';
import { closingText, daysLeft, percent, quotaHint, splitCheckErrors } from './logic';

describe('closingText', () => {
  it('reads the end of a day in Beijing as that day 24:00', () => {
    expect(closingText('2022-08-31T16:00:00+00:00')).toBe('2022-08-31 24:00');
  });

  it('reads another instant as its Beijing minute', () => {
    expect(closingText('2022-08-31T09:00:00Z')).toBe('2022-08-31 17:00');
  });

  it('says 未定 without a closing time', () => {
    expect(closingText(null)).toBe('未定');
  });
});

describe('daysLeft', () => {
  it('counts whole days and never goes below zero', () => {
    const now = new Date('2022-08-28T16:00:00Z');
    expect(daysLeft('2022-08-31T16:00:00Z', now)).toBe(3);
    expect(daysLeft('2022-08-29T15:00:00Z', now)).toBe(0);
    expect(daysLeft('2022-08-01T00:00:00Z', now)).toBe(0);
    expect(daysLeft(null, now)).toBeNull();
  });
});

describe('quotaHint', () => {
  it('tells a school how many it may still apply for', () => {
    expect(quotaHint({ quota: 3, used: 1, special: false })).toEqual({
      type: 'info', full: false, text: '本校本批次可申报 3 个，已申报 1 个，还可申报 2 个。',
    });
  });

  it('warns when the quota is used up, naming a special grant', () => {
    const hint = quotaHint({ quota: 4, used: 4, special: true });
    expect(hint?.full).toBe(true);
    expect(hint?.type).toBe('warning');
    expect(hint?.text).toContain('（经自治区特批）');
    expect(hint?.text).toContain('名额已用完');
  });

  it('says nothing to someone who is no school or before the window gives a quota', () => {
    expect(quotaHint(null)).toBeNull();
    expect(quotaHint({ quota: null, used: 0, special: false })).toBeNull();
  });
});

describe('splitCheckErrors', () => {
  const errors = {
    'form.majorCode': ['本校已申报“数控加工”，同一批次不能重复申报。'],
    'form.teachers': ['请填写专任教师人数'],
    'form.rows[0].name': ['请填写姓名'],
    quota: ['技师学院原则上申报建设专业不超过 3 个'],
  };

  it('keeps field errors of touched fields only and always the general ones', () => {
    const split = splitCheckErrors(errors, (f) => f === 'majorCode' || f === 'rows');
    expect(split.fields).toEqual([
      ['majorCode', ['本校已申报“数控加工”，同一批次不能重复申报。']],
      ['rows[0].name', ['请填写姓名']],
    ]);
    expect(split.general).toEqual(['技师学院原则上申报建设专业不超过 3 个']);
  });

  it('shows no field error before anything is touched', () => {
    expect(splitCheckErrors(errors, () => false).fields).toEqual([]);
  });
});

describe('percent', () => {
  it('is the rounded share, capped at 100, and 0 without a quota', () => {
    expect(percent(1, 3)).toBe(33);
    expect(percent(5, 4)).toBe(100);
    expect(percent(2, null)).toBe(0);
    expect(percent(2, 0)).toBe(0);
  });
});
