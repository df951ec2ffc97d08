// lvm/syntax: where lvm2's parser gives up, in its own words, with what it means.
// lvm2 ignores the whole file after a parse error, so every command on the host runs
// with built-in defaults (and prints "Failed to load config file").
import type { Fix } from '../../core/findings';
import type { LvmParseError, Span } from '../ast';
import type { LvmContext } from './context';

export function checkSyntax(ctx: LvmContext): void {
  const { errors, text, nodes } = ctx.doc;
  if (text.length && !errors.length && !nodes.length) {
    ctx.report('lvm/syntax', { start: 0, end: Math.min(text.length, 1) },
      'Failed to load config file: lvm2 refuses a non-empty file without a single section or setting (only blank lines, comments, or a NUL byte first), and its commands then fail to start');
    return;
  }
  errors.forEach((e, i) => {
    // Reading on after an error can run off the end inside a section: only the first error counts then.
    if (i > 0 && e.start === text.length) return;
    const { hint, fixes, at } = explain(text, e);
    const consequence = e.reason === 'int-token'
      ? `lvm2 2.03.39 and older silently read it as ${leadingNumber(text.slice(e.start, e.end))}, newer releases refuse the whole file`
      : i === 0 ? 'lvm2 refuses the whole file (Failed to load config file)' : 'lvm2 stops at an earlier error; this one shows once that is fixed';
    const said = `${e.message}${hint ? ` ${hint}` : ''}`;
    ctx.report('lvm/syntax', at ?? e, `${said}${said.endsWith('.') ? ' ' : ': '}${consequence}`, { fixes });
  });
}

/** A hint, fixes, and a better place to show the error than the token where lvm2 noticed it. */
function explain(text: string, e: LvmParseError): { hint?: string; fixes?: Fix[]; at?: Span } {
  const token = text.slice(e.start, e.end);
  const before = text.slice(text.lastIndexOf('\n', e.start - 1) + 1, e.start);
  if (e.reason === 'int-token') {
    if (/^[+-]?0\d*[89]/.test(token)) return { hint: `\`${token}\` starts with 0, which makes it octal, and octal has no 8 or 9.`, fixes: [{ kind: 'replace', text: token.replace(/^([+-]?)0+(?=\d)/, '$1'), title: 'Remove the leading zeros' }] };
    return { hint: `\`${token}\` is not a number.` };
  }
  if (e.reason === 'unexpected-token') {
    const hex = /=[ \t]*([+-]?0[xX]([0-9a-fA-F]+))\s*$/.exec(text.slice(0, e.start));
    if (hex) {
      const n = Number.parseInt(hex[2], 16);
      const start = hex.index + hex[0].indexOf(hex[1]);
      const at = { start, end: start + hex[1].length };
      return { at, hint: `(lvm2 has no hexadecimal numbers: write ${n}, or 0${n.toString(8)} in octal)`, fixes: [{ kind: 'replace', text: String(n), title: `Write ${n}`, ...at }] };
    }
    if (e.start === text.length) return { hint: '(the file ends inside a section: a closing `}` is missing)' };
    if (/^\s*[A-Za-z_][\w/]*\s+$/.test(before) && token !== '=' && token !== '{') return { hint: '(a setting is written `name = value`, a section `name {`)' };
  }
  if (e.reason === 'expected-value' && /\[[^\]]*$/.test(before)) return { hint: '(array items are separated by commas and words are quoted: [ "a", "b" ])' };
  if (e.reason === 'expected-value') return { hint: '(the value is missing)' };
  return {};
}

/** What strtoll (base 0) makes of a token, as lvm2 up to 2.03.39 read integers: its leading number (`0189` is octal 01). */
function leadingNumber(token: string): number {
  const m = /^([+-]?)(0[0-7]*|[1-9]\d*)?/.exec(token)!;
  const n = m[2] ? (m[2].length > 1 && m[2][0] === '0' ? Number.parseInt(m[2], 8) : Number(m[2])) : 0;
  return m[1] === '-' ? -n : n;
}
