// What the API said went wrong, for the page to show: its stable code and Vietnamese message.
import type { CombinedError } from "urql";
import type { ApiError } from "./session";

export function apiError(error: CombinedError | undefined | null): ApiError | null {
  if (!error) return null;
  const first = error.graphQLErrors[0];
  if (first) {
    const code = typeof first.extensions?.code === "string" ? first.extensions.code : "INTERNAL";
    return { code, message: first.message };
  }
  return { code: "UNAVAILABLE", message: "không kết nối được máy chủ; hãy kiểm tra mạng và thử lại" };
}
