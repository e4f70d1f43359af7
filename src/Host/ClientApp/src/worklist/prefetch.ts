// The first load of 工作台 asks for its rows while the sign-in check (/api/auth/me) is still on its way, instead of
// after it: main.tsx starts the requests as the script runs, and the work bench takes each answer once. An early
// request that failed (nobody signed in yet) is simply asked again.
import { api } from '../api';
import { fromSearchParams, queryString } from './state';

const early = new Map<string, Promise<unknown>>();

export function workListUrls(search: string): string[] {
  return [`/api/tasks?${queryString(fromSearchParams(new URLSearchParams(search)))}`, '/api/tasks/counts'];
}

export function prefetch(urls: string[]): void {
  for (const url of urls) {
    const answer = api.get<unknown>(url);
    answer.catch(() => undefined);
    early.set(url, answer);
  }
}

/** The early answer for the address if there is one (used once), else a fresh request. */
export function take<T>(url: string): Promise<T> {
  const answer = early.get(url) as Promise<T> | undefined;
  early.delete(url);
  return answer ? answer.catch(() => api.get<T>(url)) : api.get<T>(url);
}
