// Dates, times and money as Vietnamese officers write them: dd/MM/yyyy, HH:mm in Vietnam's zone
// (UTC+7, no daylight saving), and `1.500.000 ₫`.

const ZONE = "Asia/Ho_Chi_Minh";

const parts = new Intl.DateTimeFormat("en-GB", {
  timeZone: ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

function pieces(instant: string | Date): Record<string, string> {
  const date = typeof instant === "string" ? new Date(instant) : instant;
  const out: Record<string, string> = {};
  for (const part of parts.formatToParts(date)) out[part.type] = part.value;
  return out;
}

/** `02/12/2026` for an instant, on Vietnam's calendar. */
export function formatDate(instant: string | Date): string {
  const p = pieces(instant);
  return `${p.day}/${p.month}/${p.year}`;
}

/** `14:05 02/12/2026`... written the officers' way: `02/12/2026 14:05`, Vietnam time. */
export function formatDateTime(instant: string | Date): string {
  const p = pieces(instant);
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}`;
}

/** `HH:mm`, Vietnam time. */
export function formatTime(instant: string | Date): string {
  const p = pieces(instant);
  return `${p.hour}:${p.minute}`;
}

/** A calendar day as the API sends it (`2026-12-02`) written `02/12/2026`; no zone involved. */
export function formatDay(day: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  return match ? `${match[3]}/${match[2]}/${match[1]}` : day;
}

/** `dd/MM/yyyy` typed by an officer as the API's `yyyy-MM-dd`, or null when it is no date. */
export function parseDay(text: string): string | null {
  const match = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/.exec(text);
  if (!match) return null;
  const [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return null;
  }
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** Whole đồng with dots between thousands: `1.500.000 ₫` (VND has no minor unit). */
export function formatVnd(amount: number | bigint): string {
  const value = BigInt(amount);
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString();
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  return `${negative ? "-" : ""}${grouped} ₫`;
}

/** Working hours as officers count them: 8 h to a day (`2 ngày 4 giờ`). */
export function formatWorkingHours(hours: number): string {
  const days = Math.floor(hours / 8);
  const rest = hours % 8;
  const text = [days ? `${days} ngày` : "", rest ? `${rest} giờ` : ""].filter(Boolean).join(" ");
  return text || "0 giờ";
}
