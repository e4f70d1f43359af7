// The first load of 工作台 asks for its rows while the sign-in check (/api/auth/me) is still on its way, instead of
// after it. index.html asks for who is signed in and the default list before the application's script has loaded;
// main.tsx asks for any other list the address names as the script starts; the work bench and the sign-in check
// take each answer once. An early request that failed (nobody signed in yet) is simply asked again.
import { api, readResponse } from '../api';
import { fromSearchParams, queryString } from './state';

declare global {
  /** The requests index.html made before this script loaded, by address. */
  var __early: Record<string, Promise<Response> | undefined> | undefined;
}

const early = new Map<string, Promise<unknown>>();

export function workListUrls(search: string): string[] {
  return [`/api/tasks?${queryString(fromSearchParams(new URLSearchParams(search)))}`, '/api/tasks/counts'];
}

export function prefetch(urls: string[]): void {
  for (const url of urls.filter((u) => !globalThis.__early?.[u] && !early.has(u))) {
    const answer = api.get<unknown>(url);
    answer.catch(() => undefined);
    early.set(url, answer);
  }
}

/** The early answer for the address if there is one (used once), else a fresh request. */
export function take<T>(url: string): Promise<T> {
  const fetched = globalThis.__early?.[url];
  if (fetched) {
    globalThis.__early![url] = undefined;
    return fetched.then((response) => readResponse<T>(response)).catch(() => api.get<T>(url));
  }

  const answer = early.get(url) as Promise<T> | undefined;
  early.delete(url);
  return answer ? answer.catch(() => api.get<T>(url)) : api.get<T>(url);
}
