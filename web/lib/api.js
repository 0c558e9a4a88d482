// The JSON API under /api/v1, for every page: request() answers whatever the status; get/post/… throw an ApiError.
let csrfToken = null;
const freshnessListeners = [];

/**
 * Calls listener({source, lagSeconds, asOf}) for every answer that says where its figures were read (X-Data-Source:
 * the analytics, when the server reads them on a hot standby; asOf is ISO 8601 in Vietnam's offset).
 */
export function onFreshness(listener) {
  freshnessListeners.push(listener);
}

/** The session's CSRF token, sent with every write from now on (the admin screens set it once signed in). */
export function setCsrfToken(token) {
  csrfToken = token;
}

/**
 * Calls /api/v1 + path. body: an object (sent as JSON) or a string sent as it is, as contentType (JSON unless
 * told); token: a kiosk's Bearer token; cache: 'default' lets the browser keep the answer as its Cache-Control says
 * (the survey link and the published form), otherwise nothing is kept. Resolves to {status, body, retryAfter} (body: the parsed JSON or null,
 * retryAfter: seconds, 0 when not asked); rejects only when the network fails.
 */
export async function request(method, path, { body, contentType, token, cache = 'no-store' } = {}) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) {
    headers['Content-Type'] = typeof body === 'string' && contentType ? contentType : 'application/json';
  }
  if (token) {
    headers.Authorization = `Bearer ${token}`;
  }
  if (method !== 'GET' && csrfToken) {
    headers['X-CSRF-Token'] = csrfToken;
  }
  const response = await fetch(`/api/v1${path}`, {
    method,
    headers,
    body: body === undefined || typeof body === 'string' ? body : JSON.stringify(body),
    credentials: 'same-origin',
    cache,
  });
  const source = response.headers.get('X-Data-Source');
  if (source) {
    const freshness = { source, lagSeconds: Number(response.headers.get('X-Data-Lag-Seconds')) || 0,
      asOf: response.headers.get('X-Data-As-Of') || null };
    freshnessListeners.forEach((listener) => listener(freshness));
  }
  const type = response.headers.get('Content-Type') || '';
  const json = response.status !== 204 && type.includes('json') ? await response.json().catch(() => null) : null;
  return { status: response.status, body: json, retryAfter: Number(response.headers.get('Retry-After')) || 0 };
}

/** An answer other than 2xx: its status (0 when the network failed), the server's message, field and problems. */
export class ApiError extends Error {
  constructor(status, body, retryAfter = null) {
    super(body?.message || `HTTP ${status}`);
    this.status = status;
    this.field = body?.field ?? null;
    this.problems = Array.isArray(body?.problems) ? body.problems : [];
    this.retryAfter = retryAfter;
  }
}

/** Calls the API; resolves to the answer's JSON (null when it has none), rejects with an ApiError. */
async function call(method, path, body, options = {}) {
  let answer;
  try {
    answer = await request(method, path, { body: body ?? undefined, contentType: options.contentType });
  } catch {
    throw new ApiError(0, { message: 'network' });
  }
  if (answer.status < 200 || answer.status > 299) {
    throw new ApiError(answer.status, answer.body, answer.retryAfter || null);
  }
  return answer.body;
}

export const get = (path) => call('GET', path);
export const post = (path, body, options) => call('POST', path, body ?? {}, options);
export const put = (path, body) => call('PUT', path, body);
export const patch = (path, body) => call('PATCH', path, body);
export const del = (path) => call('DELETE', path);

/**
 * One section's question at a time: asks for path only when it differs from the last one asked, and answers
 * undefined when a newer question was asked meanwhile, so a newer view wins over a slower older one. forget() makes
 * the next call ask again (after a change the section itself made).
 */
export function latest() {
  let loaded = { path: null, answer: null };
  const ask = async (path) => {
    if (loaded.path !== path) {
      loaded = { path, answer: get(path) };
    }
    const mine = loaded;
    const answer = await mine.answer;
    return mine === loaded ? answer : undefined;
  };
  ask.forget = () => {
    loaded = { path: null, answer: null };
  };
  return ask;
}
