// The personal identification number rule, as the server checks it
// (services/app/src/identity/login.rs, check_id_number): 12 digits (CCCD) or 9 digits (legacy
// CMND), nothing else. Checked here only so the officer learns before sending.

/** The Vietnamese message the server gives (INVALID_ID_NUMBER), or null when the number is valid. */
export function idNumberProblem(text: string): string | null {
  if (/^(\d{12}|\d{9})$/.test(text)) return null;
  return "số định danh cá nhân phải gồm 12 chữ số (CCCD) hoặc 9 chữ số (CMND cũ)";
}

/** What the officer typed, as sent: spaces officers put between digit groups removed. */
export function normaliseIdNumber(text: string): string {
  return text.replace(/[\s.]/g, "");
}
