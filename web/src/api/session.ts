// The console's session. The access token lives in this module's memory only; the refresh
// token lives in an HttpOnly cookie the gateway sets on /auth, which script never reads. A
// reload starts with `resume()`: the cookie, if still valid, gives a new access token.

export interface ApiError {
  code: string;
  message: string;
  retryAfterSeconds?: number;
}

interface Tokens {
  accessToken: string;
  accessExpiresAt: string;
}

let tokens: Tokens | null = null;
let pendingRefresh: Promise<boolean> | null = null;
const listeners = new Set<() => void>();

/** Thrown by the session calls with the API's code and Vietnamese message. */
export class SessionError extends Error {
  constructor(readonly apiError: ApiError) {
    super(apiError.message);
  }
}

async function post(path: string, body: unknown): Promise<Tokens | null> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        ...(tokens ? { Authorization: `Bearer ${tokens.accessToken}` } : {}),
      },
      body: JSON.stringify(body),
      credentials: "same-origin",
    });
  } catch {
    throw new SessionError({ code: "UNAVAILABLE", message: "không kết nối được máy chủ; hãy kiểm tra mạng và thử lại" });
  }
  const answer = (await response.json().catch(() => ({}))) as {
    accessToken?: string;
    accessExpiresAt?: string;
    errors?: { message: string; extensions?: { code?: string; retryAfterSeconds?: number } }[];
  };
  const error = answer.errors?.[0];
  if (error) {
    throw new SessionError({
      code: error.extensions?.code ?? "INTERNAL",
      message: error.message,
      ...(error.extensions?.retryAfterSeconds !== undefined
        ? { retryAfterSeconds: error.extensions.retryAfterSeconds }
        : {}),
    });
  }
  if (answer.accessToken && answer.accessExpiresAt) {
    return { accessToken: answer.accessToken, accessExpiresAt: answer.accessExpiresAt };
  }
  return null;
}

function changed(next: Tokens | null) {
  tokens = next;
  for (const listener of listeners) listener();
}

/** Signs in to a tenant; throws `SessionError` (INVALID_CREDENTIALS, ACCOUNT_LOCKED, …). */
export async function login(tenant: string, username: string, password: string): Promise<void> {
  changed(await post("/auth/login", { tenant, username, password }));
}

/** Trades the cookie for a new access token (the cookie rotates); false when there is no session. */
export function refresh(): Promise<boolean> {
  pendingRefresh ??= post("/auth/refresh", {})
    .then((next) => {
      changed(next);
      return next !== null;
    })
    .catch(() => {
      changed(null);
      return false;
    })
    .finally(() => {
      pendingRefresh = null;
    });
  return pendingRefresh;
}

/** Picks up the session a reload left in the cookie. */
export const resume = refresh;

/** Ends the session on the server and here. */
export async function logout(): Promise<void> {
  try {
    await post("/auth/logout", {});
  } finally {
    changed(null);
  }
}

export function accessToken(): string | null {
  return tokens?.accessToken ?? null;
}

/** Whether the access token expires within the next 30 seconds (then refresh first). */
export function expiresSoon(now = Date.now()): boolean {
  return tokens !== null && new Date(tokens.accessExpiresAt).getTime() - now < 30_000;
}

export function signedIn(): boolean {
  return tokens !== null;
}

export function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
