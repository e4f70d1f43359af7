// The batch pages' logic apart from React: how a closing time reads in Beijing time, the quota hint a school sees
// while it fills its application, which of the server's check errors to show while typing, and a share as a percent.
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import type { SchoolQuota } from './types';

dayjs.extend(utc);

/** "2022-08-31 24:00" for the end of 31 August in Beijing time (UTC+8), else the minute it closes. */
export function closingText(closesAt: string | null): string {
  if (!closesAt) return '未定';
  const beijing = dayjs.utc(closesAt).add(8, 'hour');
  return beijing.hour() === 0 && beijing.minute() === 0
    ? `${beijing.subtract(1, 'day').format('YYYY-MM-DD')} 24:00`
    : beijing.format('YYYY-MM-DD HH:mm');
}

/** Whole days left before it closes (0 on its last day); null when it has no closing time. */
export function daysLeft(closesAt: string | null, now: Date): number | null {
  if (!closesAt) return null;
  const ms = dayjs.utc(closesAt).diff(dayjs.utc(now));
  return ms <= 0 ? 0 : Math.floor(ms / 86_400_000);
}

export interface QuotaHint {
  type: 'info' | 'warning';
  text: string;
  full: boolean;
}

/** What the application form says about the school's quota before anything is typed. */
export function quotaHint(quota: SchoolQuota | null): QuotaHint | null {
  if (!quota || quota.quota === null) return null;
  const left = Math.max(quota.quota - quota.used, 0);
  const granted = quota.special ? '（经自治区特批）' : '';
  if (left === 0) {
    return { type: 'warning', full: true, text: `本校本批次可申报 ${quota.quota} 个${granted}，已申报 ${quota.used} 个，名额已用完。确有需要的，请向自治区人社厅申请特批。` };
  }
  return { type: 'info', full: false, text: `本校本批次可申报 ${quota.quota} 个${granted}，已申报 ${quota.used} 个，还可申报 ${left} 个。` };
}

export interface CheckedErrors {
  /** Errors of form fields, by field path, for the fields the person has touched. */
  fields: [string, string[]][];
  /** Errors of the application as a whole (the quota, who may apply), always shown. */
  general: string[];
}

/**
 * Splits the check's field errors: "form.x" keys belong to the form's fields and are shown once the field was
 * touched (an untouched required field is not an error yet); any other key is about the application as a whole.
 */
export function splitCheckErrors(errors: Record<string, string[]>, touched: (field: string) => boolean): CheckedErrors {
  const fields: [string, string[]][] = [];
  const general: string[] = [];
  for (const [key, messages] of Object.entries(errors)) {
    if (key.startsWith('form.')) {
      const field = key.slice('form.'.length);
      if (touched(field.split(/[.[]/)[0] ?? field)) fields.push([field, messages]);
    } else {
      general.push(...messages);
    }
  }
  return { fields, general };
}

/** A used share of a quota as a whole percent for a progress bar, capped at 100; 0 without a quota. */
export function percent(used: number, quota: number | null): number {
  if (!quota || quota <= 0) return 0;
  return Math.min(100, Math.round((used / quota) * 100));
}
