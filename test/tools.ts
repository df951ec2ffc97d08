// The Debian tools some tests compare against (lvmconfig, iostat, chromium…). scripts/test-deps.sh
// installs them; a developer without them gets those tests skipped, CI gets a failure instead,
// because a reference test that silently skips there proves nothing.
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The executable `name` on PATH or in the sbin folders, or undefined. */
export function findTool(name: string): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter).filter(Boolean), '/usr/sbin', '/sbin'];
  for (const dir of dirs) {
    const file = path.join(dir, name);
    try {
      fs.accessSync(file, fs.constants.X_OK);
      return file;
    } catch {
      // not here
    }
  }
  return undefined;
}

/**
 * The path of `name` (a tool name or an absolute path); when it is missing, skips the calling
 * test or hook, except in CI, which must run it.
 */
export function requireTool(ctx: Mocha.Context, name: string): string {
  const found = path.isAbsolute(name) ? (fs.existsSync(name) ? name : undefined) : findTool(name);
  if (found) return found;
  if (process.env.CI) throw new Error(`CI must run this test: ${name} is not installed (scripts/test-deps.sh installs it)`);
  ctx.skip();
}
