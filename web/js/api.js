// Talks to /api/v1: JSON in and out, the CSRF token on every write, errors as ApiError.
let csrfToken = null;

export function setCsrfToken(token) {
  csrfToken = token;
}

/** An answer other than 2xx; carries the server's {status, message, field, problems}. */
export class ApiError extends Error {
  constructor(status, body) {
    super(body?.message || `HTTP ${status}`);
    this.status = status;
    this.field = body?.field ?? null;
    this.problems = Array.isArray(body?.problems) ? body.problems : [];
    this.retryAfter = null;
  }
}

/**
 * Calls the API. body: an object (sent as JSON) or a string with options.contentType (e.g. text/csv).
 * Resolves to the parsed JSON (or null for 204); rejects with ApiError.
 */
export async function api(method, path, body, options = {}) {
  const headers = { Accept: 'application/json' };
  let payload;
  if (body !== undefined && body !== null) {
    if (typeof body === 'string') {
      headers['Content-Type'] = options.contentType || 'text/plain; charset=utf-8';
      payload = body;
    } else {
      headers['Content-Type'] = 'application/json';
      payload = JSON.stringify(body);
    }
  }
  if (method !== 'GET' && csrfToken) {
    headers['X-CSRF-Token'] = csrfToken;
  }
  let response;
  try {
    response = await fetch(`/api/v1${path}`, { method, headers, body: payload, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, { message: 'network' });
  }
  const type = response.headers.get('Content-Type') || '';
  const json = response.status !== 204 && type.includes('json') ? await response.json().catch(() => null) : null;
  if (!response.ok) {
    const error = new ApiError(response.status, json);
    error.retryAfter = response.headers.get('Retry-After');
    throw error;
  }
  return json;
}

export const get = (path) => api('GET', path);
export const post = (path, body, options) => api('POST', path, body ?? {}, options);
export const put = (path, body) => api('PUT', path, body);
export const patch = (path, body) => api('PATCH', path, body);
export const del = (path) => api('DELETE', path);
