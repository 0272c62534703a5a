// The JSON API, same origin. The session cookie (after /?token=...) travels with every request.

/** Thrown for an answer that is not 2xx; carries the server's {"error": "..."} text. */
export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

/** GET api/<path>?<params> as JSON. Parameters with null or '' values are left out. */
export async function get(path, params = {}) {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== null && v !== undefined && v !== '') query.set(k, String(v));
  }
  const q = query.toString();
  const response = await fetch(`api/${path}${q ? `?${q}` : ''}`, {
    headers: { Accept: 'application/json' },
    credentials: 'same-origin',
    cache: 'no-store',
  });
  if (!response.ok) {
    let message = `${response.status} ${response.statusText}`;
    try {
      const body = await response.json();
      if (body && typeof body.error === 'string') message = body.error;
    } catch (e) {
      // not JSON: keep the status line
    }
    throw new ApiError(response.status, message);
  }
  return response.json();
}

/** A workflow id as one path segment. */
export function workflowPath(id, what) {
  return `workflows/${encodeURIComponent(id)}/${what}`;
}
