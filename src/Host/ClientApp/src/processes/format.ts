// Times on the process pages as people in China read them: Beijing time (UTC+8), whatever the browser's zone.
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);

/** "2026-11-25 08:30" for a UTC time from the API, with or without its "Z". */
export function beijingTime(value: string | null | undefined): string {
  return value ? dayjs.utc(value).add(8, 'hour').format('YYYY-MM-DD HH:mm') : '—';
}
