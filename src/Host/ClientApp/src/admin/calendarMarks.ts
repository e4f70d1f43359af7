// How the working-day calendar marks a date: 休 for a day off that is listed (a holiday, an administrator's off-day),
// 班 for a listed working day (a make-up Saturday or Sunday, an administrator's working day); ordinary weekdays and
// weekends carry no mark.
import type { CalendarDay, CalendarYear } from './types';

export interface DayMark {
  label: '休' | '班';
  name: string;
  isOffDay: boolean;
  overridden: boolean;
}

export function dayMarks(year: CalendarYear): Map<string, DayMark> {
  return new Map(
    year.days.map((d: CalendarDay) => [
      d.date,
      { label: d.isOffDay ? '休' : '班', name: d.name, isOffDay: d.isOffDay, overridden: d.source === 'override' },
    ]),
  );
}

/** "2026-10-01" from a date's parts, the way the API writes dates. */
export function isoDate(year: number, month: number, day: number): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Saturday or Sunday, read from the date itself (no time zone involved). */
export function isWeekend(date: string): boolean {
  const [y, m, d] = date.split('-').map(Number);
  const weekday = new Date(Date.UTC(y!, m! - 1, d!)).getUTCDay();
  return weekday === 0 || weekday === 6;
}

/** What an administrator most likely means by clicking a date: a weekend becomes a working day, a weekday a day off. */
export function suggestedOffDay(date: string, mark: DayMark | undefined): boolean {
  if (mark) return !mark.isOffDay;
  return !isWeekend(date);
}

export function monthWorkingDays(year: CalendarYear, month: number): number | null {
  return year.months.find((m) => m.month === month)?.workingDays ?? null;
}
