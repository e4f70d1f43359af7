// The first load of 工作台 asks for its rows while the sign-in check (/api/auth/me) is still on its way, instead of
// after it. index.html asks for who is signed in and the default list before the application's script has loaded;
// main.tsx asks for any other list the address names as the script starts. The sign-in check and the work bench take
// each answer once, and an answer already come is read at once (peek), so the page is drawn with it instead of once
// empty and again a moment later. An early request that failed (nobody signed in yet) is simply asked again.
// (Holding the first render back until the answers came was tried: on a cold Host it left the page blank longer.)
import { api, readResponse } from '../api';
import { fromSearchParams, queryString } from './state';

declare global {
  /** The requests index.html made before this script loaded, by address. */
  var __early: Record<string, Promise<Response> | undefined> | undefined;
}

interface Early {
  answer: Promise<unknown>;
  arrived: boolean;
  value?: unknown;
}

const early = new Map<string, Early>();

function track(url: string, answer: Promise<unknown>): Early {
  const entry: Early = { answer, arrived: false };
  answer.then(
    (value) => {
      entry.arrived = true;
      entry.value = value;
    },
    () => undefined,
  );
  early.set(url, entry);
  return entry;
}

/** The early request for the address, adopting one index.html made. */
function find(url: string): Early | undefined {
  const fetched = globalThis.__early?.[url];
  if (fetched) {
    globalThis.__early![url] = undefined;
    return track(url, fetched.then((response) => readResponse<unknown>(response)));
  }
  return early.get(url);
}

export function workListUrls(search: string): string[] {
  return [`/api/tasks?${queryString(fromSearchParams(new URLSearchParams(search)))}`, '/api/tasks/counts'];
}

export function prefetch(urls: string[]): void {
  for (const url of urls.filter((u) => !find(u))) {
    track(url, api.get<unknown>(url));
  }
}

/** The early answers for all the addresses if every one has already come, each then used; otherwise none is used. */
export function peek<T extends unknown[]>(...urls: string[]): T | undefined {
  const entries = urls.map(find);
  if (!entries.every((e) => e?.arrived)) return undefined;
  urls.forEach((url) => early.delete(url));
  return entries.map((e) => e!.value) as T;
}

/** The early answer for the address if there is one (used once), else a fresh request. */
export function take<T>(url: string): Promise<T> {
  const entry = find(url);
  early.delete(url);
  return entry ? (entry.answer as Promise<T>).catch(() => api.get<T>(url)) : api.get<T>(url);
}
