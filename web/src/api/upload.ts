// File uploads: a GraphQL multipart request (operations, map, then the files) with the access
// token and the x-ansinh-csrf header the gateway requires of uploads (no cross-site form can
// send it). urql has no multipart transport, so this posts with fetch.
import { print, type DocumentNode } from "graphql";
import { accessToken, refresh, type ApiError } from "./session";

interface Answer<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

export type UploadResult<T> = { data: T } | { error: ApiError };

const UNREACHABLE: ApiError = {
  code: "UNAVAILABLE",
  message: "không kết nối được máy chủ; hãy kiểm tra mạng và thử lại",
};

function form(document: DocumentNode, variables: Record<string, unknown>, files: File[]): FormData {
  const body = new FormData();
  const operations = { query: print(document), variables: { ...variables, files: files.map(() => null) } };
  body.append("operations", JSON.stringify(operations));
  body.append("map", JSON.stringify(Object.fromEntries(files.map((_, i) => [String(i), [`variables.files.${i}`]]))));
  files.forEach((file, i) => body.append(String(i), file, file.name));
  return body;
}

async function send<T>(body: FormData): Promise<Answer<T> | null> {
  const token = accessToken();
  try {
    const response = await fetch("/graphql", {
      method: "POST",
      headers: { "x-ansinh-csrf": "1", ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body,
      credentials: "same-origin",
    });
    return (await response.json().catch(() => ({}))) as Answer<T>;
  } catch {
    return null;
  }
}

/** Sends `files` as the `files` variable of `document`; one refresh when the token expired. */
export async function upload<T>(
  document: DocumentNode,
  variables: Record<string, unknown>,
  files: File[],
): Promise<UploadResult<T>> {
  let answer = await send<T>(form(document, variables, files));
  if (answer?.errors?.[0]?.extensions?.code === "UNAUTHENTICATED" && (await refresh())) {
    answer = await send<T>(form(document, variables, files));
  }
  if (!answer) return { error: UNREACHABLE };
  const first = answer.errors?.[0];
  if (first) return { error: { code: first.extensions?.code ?? "INTERNAL", message: first.message } };
  if (answer.data) return { data: answer.data };
  return { error: { code: "INTERNAL", message: "máy chủ không trả lời đúng định dạng" } };
}
