// One rule pack, compiled, with a prefilter per log format (rules limited to some
// formats only add their literals to those formats' prefilters).
import { builtinPackText } from './builtinPack';
import { buildMatcher, type Matcher } from './matcher';
import { compilePack, type CompiledPack, mergePacks, parsePack } from './rules';

export interface Engine {
  pack: CompiledPack;
  matcherFor(format: string): Matcher;
}

/** The built-in pack, plus a workspace pack (`.xenops/rules.yaml`) when given. */
export function createEngine(workspacePack?: { text: string; source: string }): Engine {
  const builtin = parsePack(builtinPackText(), 'built-in rules');
  const pack = compilePack(mergePacks(builtin, workspacePack ? parsePack(workspacePack.text, workspacePack.source) : undefined));
  const matchers = new Map<string, Matcher>();
  return {
    pack,
    matcherFor(format) {
      let m = matchers.get(format);
      if (!m) {
        const rules = pack.rules.filter((r) => !r.formats || r.formats.includes(format));
        m = buildMatcher([...rules.flatMap((r) => r.literals), ...pack.links.flatMap((l) => l.literals)]);
        matchers.set(format, m);
      }
      return m;
    },
  };
}

/** Every literal of the pack, for tools that search the same failures (the benchmark's ripgrep). */
export function allLiterals(pack: CompiledPack): string[] {
  return [...new Set(pack.rules.flatMap((r) => r.literals))];
}
