// The built-in rule pack ships as YAML next to the code: in the bundles (dist/, copied
// by esbuild.mjs) or in the source tree when running from compiled tests.
import * as fs from 'node:fs';
import * as path from 'node:path';

const CANDIDATES = [
  path.join(__dirname, 'rules', 'builtin.yaml'),
  path.resolve(__dirname, '..', '..', '..', '..', 'server', 'src', 'logs', 'rules', 'builtin.yaml'),
];

let cached: string | undefined;

export function builtinPackText(): string {
  if (cached !== undefined) return cached;
  for (const file of CANDIDATES) {
    if (fs.existsSync(file)) return (cached = fs.readFileSync(file, 'utf8'));
  }
  throw new Error(`the built-in rule pack is missing (looked in ${CANDIDATES.join(', ')})`);
}
