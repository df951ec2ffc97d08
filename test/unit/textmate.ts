// TextMate grammars as VS Code runs them (vscode-textmate with the Oniguruma WebAssembly
// build), and assertions on the scopes of what they tokenize: shared by the grammar tests.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vsctm from 'vscode-textmate';
import * as oniguruma from 'vscode-oniguruma';

const ROOT = path.resolve(__dirname, '../../..');

export interface Tok {
  text: string;
  start: number;
  end: number;
  scopes: string[];
}

let onig: Promise<void> | undefined;

/** Loads the grammar of `scopeName` from `file` (relative to the project). */
export async function loadGrammar(scopeName: string, file: string): Promise<vsctm.IGrammar> {
  const wasm = fs.readFileSync(path.join(ROOT, 'node_modules/vscode-oniguruma/release/onig.wasm'));
  onig ??= oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  await onig;
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (name: string) => (name === scopeName ? vsctm.parseRawGrammar(fs.readFileSync(path.join(ROOT, file), 'utf8'), file) : null),
  });
  const g = await registry.loadGrammar(scopeName);
  assert.ok(g, `grammar ${scopeName} did not load`);
  return g;
}

/** Tokenizes a whole document; returns the tokens of each line. */
export function tokenize(grammar: vsctm.IGrammar, text: string): Tok[][] {
  let stack = vsctm.INITIAL;
  return text.split('\n').map((line) => {
    const r = grammar.tokenizeLine(line, stack);
    stack = r.ruleStack;
    return r.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), start: t.startIndex, end: t.endIndex, scopes: t.scopes }));
  });
}

/** The scopes on every token covering `needle` (its nth occurrence) in a line. */
export function scopesOf(line: Tok[], needle: string, nth = 0): string[][] {
  const text = line.map((t) => t.text).join('');
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(needle, at + 1);
  assert.ok(at >= 0, `"${needle}" not found in ${JSON.stringify(text)}`);
  return line.filter((t) => t.end > at && t.start < at + needle.length).map((t) => t.scopes);
}

/** Every token of `needle` carries `scope`. */
export function expectScope(line: Tok[], needle: string, scope: string, nth = 0): void {
  for (const scopes of scopesOf(line, needle, nth)) {
    assert.ok(scopes.includes(scope), `"${needle}": expected ${scope}, got ${scopes.join(' ')}`);
  }
}

/** No token of `needle` carries a scope starting with `prefix`. */
export function expectNoScope(line: Tok[], needle: string, prefix: string): void {
  for (const scopes of scopesOf(line, needle)) {
    assert.ok(!scopes.some((s) => s.startsWith(prefix)), `"${needle}": unexpected ${prefix}* in ${scopes.join(' ')}`);
  }
}
