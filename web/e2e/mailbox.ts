// The demo's file mailbox as a mail client would read it: subjects of the messages sent to an
// address.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** The Subject header of a message as a mail client shows it (RFC 2047 words decoded). */
function subjectOf(mail: string): string {
  const head = (mail.split("\r\n\r\n")[0] ?? "").replace(/\r\n[ \t]+/g, " ");
  const line = head.split("\r\n").find((l) => l.toLowerCase().startsWith("subject:")) ?? "";
  return line
    .slice("subject:".length)
    .trim()
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(/=\?utf-8\?b\?([^?]*)\?=/gi, (_, text: string) => Buffer.from(text, "base64").toString("utf8"));
}

/** Subjects of the messages to `address` in the demo mailbox. */
export function mailTo(folder: string, address: string): string[] {
  const box = join(folder, "mail");
  let names: string[];
  try {
    names = readdirSync(box).filter((name) => name.endsWith(".eml"));
  } catch {
    return [];
  }
  return names
    .map((name) => readFileSync(join(box, name), "utf8"))
    .filter((mail) => mail.includes(`To: ${address}`))
    .map(subjectOf);
}
