// lvm/filter: devices/filter and devices/global_filter patterns as lvm2 builds them
// (lib/filters/filter-regex.c and libdm's regex parser). A pattern lvm2 cannot build
// makes every LVM command on the host fail ("Failed to create regex device filter").
import type { LvmScalar, LvmSetting } from '../ast';
import type { LvmContext } from './context';

const CLOSERS: Record<string, string> = { '(': ')', '[': ']', '{': '}' };

export function checkFilter(ctx: LvmContext, node: LvmSetting, real: string): void {
  const fails = `every LVM command on the host fails ("Failed to create ${real.endsWith('global_filter') ? 'global ' : ''}regex device filter")`;
  let catchAll: { item: LvmScalar; accept: boolean } | undefined;
  // Only strings get here: the type check has already turned numbers away.
  for (const item of node.value.items) {
    const pattern = String(item.value);
    const problem = patternProblem(pattern);
    if (problem) {
      ctx.report('lvm/filter', item, `${problem} Invalid filter pattern "${pattern}": ${fails}`);
      return;
    }
    if (cutShort(pattern)) {
      ctx.report('lvm/filter', item,
        `Unbalanced ')' in the regex: lvm2 builds the filter but silently drops the rest of this pattern from there, so it ${pattern[0] === 'a' ? 'accepts' : 'rejects'} more devices than written`,
        { severity: 'warning' });
    }
    if (catchAll) {
      ctx.report('lvm/filter', item,
        `This pattern is never used: the earlier "${catchAll.item.value}" already ${catchAll.accept ? 'accepts' : 'rejects'} every device, and the first matching pattern decides`,
        { severity: 'warning', related: [{ message: 'matches every device', start: catchAll.item.start, end: catchAll.item.end }] });
      return;
    }
    if (/^(\^?\.\*\$?|\.\*)$/.test(pattern.slice(2, -1))) catchAll = { item, accept: pattern[0] === 'a' };
  }
}

/** lvm2's complaint about one pattern, or undefined when it builds. */
export function patternProblem(pattern: string): string | undefined {
  if (pattern[0] !== 'a' && pattern[0] !== 'r') return "Pattern must begin with 'a' or 'r'.";
  const open = pattern[1];
  const sep = open === undefined ? undefined : CLOSERS[open] ?? open;
  if (pattern.length < 3 || pattern[pattern.length - 1] !== sep) return 'Invalid separator at end of regex.';
  return regexProblem(pattern.slice(2, -1));
}

/** lvm2 parses each pattern inside `(.*(` … `)`, followed by a marker; leftovers are silently dropped. */
function wrapped(inner: string): string {
  return `(.*(${inner})\u0001)`;
}

function regexProblem(inner: string): string | undefined {
  return parseRegex(wrapped(inner)).error;
}

/** A pattern that builds, but whose unbalanced `)` ends lvm2's parse early: the rest is dropped. */
function cutShort(pattern: string): boolean {
  const rx = wrapped(pattern.slice(2, -1));
  return parseRegex(rx).consumed < rx.length;
}

/** Parses a regex with libdm's grammar (or: cat ('|' or)?, cat: closure+, closure: term [*+?]*, term: charset | '(' or ')'). */
function parseRegex(rx: string): { error?: string; consumed: number } {
  let i = 0;
  let error: string | undefined;
  /** The type of the token at i: a char set (0), a special character, or end (-1). */
  const peek = (): string | number => {
    if (i >= rx.length) return -1;
    const c = rx[i];
    return '()*+?|'.includes(c) ? c : 0;
  };
  const skip = (): void => {
    const c = rx[i];
    if (c === '[') {
      let j = i + 1;
      if (rx[j] === '^') j++;
      let prev = false;
      while (j < rx.length && rx[j] !== ']') {
        if (rx[j] === '\\') j++;
        else if (rx[j] === '-' && prev && j + 1 >= rx.length) {
          error ??= 'Incomplete range specification';
          i = rx.length;
          return;
        }
        prev = true;
        j++;
      }
      if (j >= rx.length) {
        error ??= 'Unterminated character class ([ without ]).';
        i = rx.length;
        return;
      }
      i = j + 1;
    } else if (c === '\\') {
      if (i + 1 >= rx.length) error ??= 'Badly quoted character at end of expression';
      i += 2;
    } else i++;
  };
  const term = (): boolean => {
    const t = peek();
    if (t === 0) {
      skip();
      return true;
    }
    if (t !== '(') return false;
    skip();
    const inner = or();
    if (peek() !== ')') {
      error ??= "missing ')' in regular expression";
      return false;
    }
    skip();
    return inner;
  };
  const closure = (): boolean => {
    if (!term()) return false;
    while (['*', '+', '?'].includes(peek() as string)) skip();
    return true;
  };
  const cat = (): boolean => {
    if (!closure()) return false;
    while (peek() !== '|' && closure());
    return true;
  };
  const or = (): boolean => {
    if (!cat()) return false;
    if (peek() !== '|') return true;
    skip();
    if (!or()) {
      error ??= "Badly formed 'or' expression";
      return false;
    }
    return true;
  };
  const ok = or();
  if (!ok || error) return { error: `${error ? `${error}. ` : ''}Parse error in regex.`, consumed: i };
  return { consumed: i };
}
