import { afterEach, describe, expect, it, vi } from 'vitest';
import { prefetch, take, workListUrls } from './prefetch';

afterEach(() => vi.unstubAllGlobals());

function stubFetch(answers: (() => Response)[]) {
  const fetch = vi.fn(async () => answers.shift()!());
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

describe('prefetch', () => {
  it('asks for the list the address names and the counts', () => {
    expect(workListUrls('?list=done&page=2')).toEqual([expect.stringContaining('list=done'), '/api/tasks/counts']);
    expect(workListUrls('?list=done&page=2')[0]).toContain('page=2');
  });

  it('hands the early answer over once, then asks afresh', async () => {
    const fetch = stubFetch([() => json({ n: 1 }), () => json({ n: 2 })]);
    prefetch(['/api/x']);
    expect(await take('/api/x')).toEqual({ n: 1 });
    expect(await take('/api/x')).toEqual({ n: 2 });
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('asks again when the early request failed', async () => {
    stubFetch([() => json({ title: '未登录' }, 401), () => json({ n: 3 })]);
    prefetch(['/api/y']);
    expect(await take('/api/y')).toEqual({ n: 3 });
  });
});

describe('index.html', () => {
  it('asks early for exactly the addresses the work bench and the sign-in check take', async () => {
    const html = (await import('../../index.html?raw')).default;
    const asked = [...html.matchAll(/ask\('([^']+)'\)/g)].map((m) => m[1]);
    expect(asked).toEqual(['/api/auth/me', ...workListUrls('')]);
  });

  it('hands over a response fetched before the script ran, once', async () => {
    stubFetch([() => json({ n: 5 })]);
    globalThis.__early = { '/api/z': Promise.resolve(json({ n: 4 })) };
    expect(await take('/api/z')).toEqual({ n: 4 });
    expect(await take('/api/z')).toEqual({ n: 5 });
  });
});
