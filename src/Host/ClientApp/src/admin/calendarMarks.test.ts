import { describe, expect, it } from 'vitest';
import { dayMarks, isoDate, isWeekend, monthWorkingDays, suggestedOffDay } from './calendarMarks';
import type { CalendarYear } from './types';

const year: CalendarYear = {
  year: 2026,
  hasOfficialData: true,
  workingDays: 250,
  months: [{ month: 1, days: 31, workingDays: 21 }],
  days: [
    { date: '2026-01-01', weekday: '星期四', isOffDay: true, name: '元旦', kindName: '放假', source: 'official', sourceName: '国家规定' },
    { date: '2026-01-04', weekday: '星期日', isOffDay: false, name: '元旦调休', kindName: '上班', source: 'official', sourceName: '国家规定' },
    { date: '2026-12-31', weekday: '星期四', isOffDay: true, name: '自治区调休', kindName: '放假', source: 'override', sourceName: '管理员调整' },
  ],
};

describe('calendar marks', () => {
  it('marks listed off-days 休 and listed working days 班, and which an administrator set', () => {
    const marks = dayMarks(year);
    expect(marks.get('2026-01-01')).toEqual({ label: '休', name: '元旦', isOffDay: true, overridden: false });
    expect(marks.get('2026-01-04')).toMatchObject({ label: '班', isOffDay: false, overridden: false });
    expect(marks.get('2026-12-31')).toMatchObject({ label: '休', overridden: true });
    expect(marks.has('2026-01-05')).toBe(false);
  });

  it('writes dates as the API does', () => {
    expect(isoDate(2026, 3, 7)).toBe('2026-03-07');
  });

  it('knows weekends from the date alone', () => {
    expect(isWeekend('2026-01-03')).toBe(true);
    expect(isWeekend('2026-01-04')).toBe(true);
    expect(isWeekend('2026-01-05')).toBe(false);
  });

  it('suggests a make-up working day on a weekend and a day off on a weekday, the opposite of a listed day', () => {
    expect(suggestedOffDay('2026-01-10', undefined)).toBe(false);
    expect(suggestedOffDay('2026-01-12', undefined)).toBe(true);
    expect(suggestedOffDay('2026-01-01', dayMarks(year).get('2026-01-01'))).toBe(false);
  });

  it('reads a month’s working days, null for a month not given', () => {
    expect(monthWorkingDays(year, 1)).toBe(21);
    expect(monthWorkingDays(year, 2)).toBeNull();
  });
});
