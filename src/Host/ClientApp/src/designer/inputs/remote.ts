// What the editors read from the API once per page (the assignee options, the organisation tree, the reference
// lists): one request shared by every editor that asks, forgotten on failure so the next editor asks again.
import { useEffect, useState } from 'react';
import { api } from '../../api';

const requests = new Map<string, Promise<unknown>>();

function load<T>(url: string): Promise<T> {
  let request = requests.get(url) as Promise<T> | undefined;
  if (!request) {
    request = api.get<T>(url);
    request.catch(() => requests.delete(url));
    requests.set(url, request);
  }
  return request;
}

export type Remote<T> = { state: 'loading' } | { state: 'loaded'; data: T } | { state: 'failed'; error: string };

export function useRemote<T>(url: string): Remote<T> {
  const [remote, setRemote] = useState<{ url: string; value: Remote<T> }>({ url, value: { state: 'loading' } });
  useEffect(() => {
    let current = true;
    load<T>(url).then(
      (data) => current && setRemote({ url, value: { state: 'loaded', data } }),
      (e: unknown) => current && setRemote({ url, value: { state: 'failed', error: e instanceof Error ? e.message : '加载失败，请稍后重试。' } }),
    );
    return () => {
      current = false;
    };
  }, [url]);
  return remote.url === url ? remote.value : { state: 'loading' };
}
