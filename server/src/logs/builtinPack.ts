// The built-in rule pack: YAML in the source tree, shipped as JSON next to the bundles
// (esbuild.mjs converts it) so that every scanning thread reads it in a millisecond.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkPack, parsePack } from './rules';
import type { RulePack } from './types';

const SOURCE = 'built-in rules';
const BUNDLED = path.join(__dirname, 'rules', 'builtin.json');
const SOURCE_TREE = path.resolve(__dirname, '..', '..', '..', '..', 'server', 'src', 'logs', 'rules', 'builtin.yaml');

let cached: RulePack | undefined;

export function builtinPack(): RulePack {
  if (cached) return cached;
  if (fs.existsSync(BUNDLED)) return (cached = checkPack(JSON.parse(fs.readFileSync(BUNDLED, 'utf8')), SOURCE));
  if (fs.existsSync(SOURCE_TREE)) return (cached = parsePack(fs.readFileSync(SOURCE_TREE, 'utf8'), SOURCE));
  throw new Error(`the built-in rule pack is missing (looked for ${BUNDLED} and ${SOURCE_TREE})`);
}
