// Seeds the demo once into a template folder that every test copies (see server.ts), and
// removes it when the run ends.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { TEMPLATE, startDemo } from "./server";

export default async function globalSetup(): Promise<() => void> {
  const folder = mkdtempSync(join(tmpdir(), "ansinh-console-template-"));
  const demo = await startDemo(folder);
  // A clean stop leaves the database checkpointed into the one file the tests copy.
  await demo.stop();
  process.env[TEMPLATE] = folder;
  return () => rmSync(folder, { recursive: true, force: true });
}
