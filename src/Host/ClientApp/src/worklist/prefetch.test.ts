import { afterEach, describe, expect, it, vi } from 'vitest';
import { peek, prefetch, take, workListUrls } from './prefetch';

afterEach(() => vi.unstubAllGlobals());

function stubFetch(answers: (() => Response)[]) {
  const fetch = vi.fn(async () => answers.shift()!());
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

/** Lets the stubbed answers arrive. */
const arrive = () => new Promise((resolve) => setTimeout(resolve, 10));

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

describe('peek', () => {
  it('gives every early answer at once when all have come, then asks afresh', async () => {
    const fetch = stubFetch([() => json({ n: 6 }), () => json({ n: 7 }), () => json({ n: 8 })]);
    prefetch(['/api/p1', '/api/p2']);
    await arrive();
    expect(peek('/api/p1', '/api/p2')).toEqual([{ n: 6 }, { n: 7 }]);
    expect(peek('/api/p1')).toBeUndefined();
    expect(await take('/api/p1')).toEqual({ n: 8 });
    expect(fetch).toHaveBeenCalledTimes(3);
  });

  it('uses none while one is still on its way, and leaves both for take', async () => {
    let answer: (r: Response) => void = () => undefined;
    vi.stubGlobal('fetch', vi.fn((url: string) => (url === '/api/slow' ? new Promise<Response>((r) => (answer = r)) : Promise.resolve(json({ n: 9 })))));
    prefetch(['/api/fast', '/api/slow']);
    await arrive();
    expect(peek('/api/fast', '/api/slow')).toBeUndefined();
    answer(json({ n: 10 }));
    expect(await take('/api/fast')).toEqual({ n: 9 });
    expect(await take('/api/slow')).toEqual({ n: 10 });
  });

  it('uses none when an early request failed', async () => {
    stubFetch([() => json({ title: '未登录' }, 401), () => json({ n: 11 })]);
    prefetch(['/api/denied']);
    await arrive();
    expect(peek('/api/denied')).toBeUndefined();
    expect(await take('/api/denied')).toEqual({ n: 11 });
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
