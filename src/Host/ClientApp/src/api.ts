// The API client: cookies on every call, the antiforgery token on every write, ProblemDetails turned into an
// ApiError whose message and field errors are the server's Chinese texts.

export interface ProblemDetails {
  title?: string;
  detail?: string;
  status?: number;
  errors?: Record<string, string[]>;
}

export class ApiError extends Error {
  readonly status: number;
  readonly fieldErrors: Record<string, string[]>;

  constructor(status: number, problem: ProblemDetails) {
    super(describeProblem(status, problem));
    this.status = status;
    this.fieldErrors = problem.errors ?? {};
  }
}

const statusTexts: Record<number, string> = {
  400: '提交的内容有误，请检查后重试。',
  401: '登录已过期，请重新登录。',
  403: '没有权限执行此操作。',
  404: '要找的内容不存在或无权查看。',
  409: '数据已被他人修改，请刷新后重试。',
  413: '文件过大。',
  429: '请求过于频繁，请稍后再试。',
};

/** The sentence a person reads for a failed request: the detail if the server gave one, else its title, else a default. */
export function describeProblem(status: number, problem: ProblemDetails): string {
  const fieldMessages = Object.values(problem.errors ?? {}).flat();
  if (problem.detail) return problem.detail;
  if (fieldMessages.length > 0) return fieldMessages.join(' ');
  if (problem.title) return problem.title;
  return statusTexts[status] ?? (status >= 500 ? '服务器出现错误，请稍后再试或联系管理员。' : `请求失败（${status}）。`);
}

let antiforgeryToken: string | null = null;

/** The token is bound to the signed-in user: forget it when who is signed in changes. */
export function forgetAntiforgeryToken(): void {
  antiforgeryToken = null;
}

async function token(): Promise<string> {
  if (antiforgeryToken === null) {
    const { token: value } = await request<{ token: string }>('GET', '/api/auth/antiforgery');
    antiforgeryToken = value;
  }
  return antiforgeryToken;
}

async function request<T>(method: string, url: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  let payload: BodyInit | undefined;
  if (body instanceof FormData) {
    payload = body;
  } else if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  if (method !== 'GET' && url !== '/api/auth/login') {
    headers['X-XSRF-TOKEN'] = await token();
  }
  let response: Response;
  try {
    response = await fetch(url, { method, headers, body: payload, credentials: 'include' });
  } catch {
    throw new ApiError(0, { detail: '无法连接服务器，请检查网络后重试。' });
  }
  return readResponse<T>(response);
}

/** A response's JSON, or the ApiError its ProblemDetails describe; also for a response fetched before this script ran. */
export async function readResponse<T>(response: Response): Promise<T> {
  const text = await response.text();
  const data: unknown = text && (response.headers.get('Content-Type') ?? '').includes('json') ? JSON.parse(text) : undefined;
  if (!response.ok) {
    throw new ApiError(response.status, (data as ProblemDetails | undefined) ?? {});
  }
  return data as T;
}

export const api = {
  get: <T>(url: string) => request<T>('GET', url),
  post: <T>(url: string, body?: unknown) => request<T>('POST', url, body ?? {}),
  put: <T>(url: string, body: unknown) => request<T>('PUT', url, body),
  delete: <T>(url: string) => request<T>('DELETE', url),
  upload: <T>(url: string, file: File) => {
    const form = new FormData();
    form.append('file', file);
    return request<T>('POST', url, form);
  },
};

/** A field error's key as a form path: "form.rows[1].name" → ["rows", 1, "name"]; the "form."/"data." prefix is the body's, not the form's. */
export function errorPath(key: string): (string | number)[] {
  const trimmed = key.replace(/^(form|data)\./i, '');
  return trimmed
    .split(/[.[\]]/)
    .filter((part) => part !== '')
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part.charAt(0).toLowerCase() + part.slice(1)));
}
