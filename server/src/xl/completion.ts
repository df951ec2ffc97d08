// Completion for xl configs: keys (for the guest type and Xen version), enum
// values inside quotes, and the keys and values of disk / vif / pci specs.
import { CompletionItem, CompletionItemKind, CompletionItemTag, InsertTextFormat, MarkupKind } from 'vscode-languageserver-types';
import { keySpec, keysFor } from './schema';
import { SPEC_KEYS } from './schema/specKeys';
import type { GuestType, KeySpec, XenVersion } from './schema/types';
import type { XlAnalysis } from './lint';

const KEY_AT_LINE_START = /(^|;)[ \t]*([a-z][._0-9a-z]*)?$/;
const ASSIGNMENT_START = /^[ \t]*([a-z][._0-9a-z]*)[ \t]*\+?=/;

export function completeXl(a: XlAnalysis, offset: number): CompletionItem[] {
  const text = a.doc.text;
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  const inString = openQuote(before);
  if (inString === undefined && KEY_AT_LINE_START.test(before) && !insideList(a, offset)) {
    return keyItems(a.ctx.version, a.ctx.guest.type, new Set(a.doc.assignments.map((x) => x.key)));
  }
  if (inString === undefined) return [];
  const key = enclosingKey(text, lineStart, before);
  if (!key) return [];
  const spec = keySpec(key);
  if (!spec) return [];
  const typed = before.slice(inString + 1);
  if (spec.spec === 'disk' || spec.spec === 'vif' || spec.spec === 'pci') return specItems(spec.spec, typed);
  if (spec.values && (spec.type === 'enum' || spec.type.endsWith('-or-enum'))) {
    return spec.values.map((v) => ({ label: v, kind: CompletionItemKind.EnumMember, detail: `${key} value` }));
  }
  return [];
}

/** The index of the quote that opens a string still open at the end of `before`, if any. */
function openQuote(before: string): number | undefined {
  let open: number | undefined;
  let quote = '';
  for (let i = 0; i < before.length; i++) {
    const c = before[i];
    if (open === undefined) {
      if (c === '#') return undefined;
      if (c === '"' || c === "'") {
        open = i;
        quote = c;
      }
    } else if (c === '\\') i++;
    else if (c === quote) open = undefined;
  }
  return open;
}

/** The key whose value the cursor is in: on this line, or the assignment a multi-line list started on. */
function enclosingKey(text: string, lineStart: number, before: string): string | undefined {
  const here = ASSIGNMENT_START.exec(before);
  if (here) return here[1];
  let end = lineStart - 1;
  while (end > 0) {
    const start = text.lastIndexOf('\n', end - 1) + 1;
    const m = ASSIGNMENT_START.exec(text.slice(start, end));
    if (m) return m[1];
    end = start - 1;
  }
  return undefined;
}

function insideList(a: XlAnalysis, offset: number): boolean {
  return a.doc.assignments.some((x) => x.value.kind === 'list' && x.value.start < offset && offset < x.value.end);
}

function keyItems(version: XenVersion, guest: GuestType | undefined, present: Set<string>): CompletionItem[] {
  return keysFor(version, guest)
    .filter((k) => !present.has(k.key) && !k.removed)
    .map((k) => ({
      label: k.key,
      kind: CompletionItemKind.Property,
      detail: k.section,
      documentation: { kind: MarkupKind.Markdown, value: k.doc },
      insertText: `${k.key} = ${valueTemplate(k)}`,
      insertTextFormat: InsertTextFormat.Snippet,
      tags: k.deprecated ? [CompletionItemTag.Deprecated] : undefined,
      sortText: `${k.deprecated ? 'z' : 'a'}${k.key}`,
    }));
}

/** A snippet for the value that reads correctly in xl: quoted strings, bare numbers, lists in brackets. */
function valueTemplate(k: KeySpec): string {
  switch (k.type) {
    case 'enum':
      return k.values?.length ? `"\${1|${k.values.join(',')}|}"` : '"$1"';
    case 'integer':
    case 'integer-or-enum':
      return '${1:0}';
    case 'boolean':
    case 'boolean-or-enum':
    case 'boolean-or-list':
      return '${1|1,0|}';
    case 'list':
      return "[ '$1' ]";
    case 'nested-list':
      return "[ [ '$1' ] ]";
    default:
      return '"$1"';
  }
}

function specItems(kind: 'disk' | 'vif' | 'pci', typed: string): CompletionItem[] {
  const current = typed.slice(typed.lastIndexOf(',') + 1).trimStart();
  const eq = current.indexOf('=');
  const keys = SPEC_KEYS[kind];
  if (eq >= 0) {
    const doc = keys.find((k) => k.key === current.slice(0, eq));
    return (doc?.values ?? []).map((v) => ({ label: v, kind: CompletionItemKind.EnumMember, detail: `${doc!.key} value` }));
  }
  return keys.map((k) => ({
    label: k.flag ? k.key : `${k.key}=`,
    kind: k.flag ? CompletionItemKind.Constant : CompletionItemKind.Field,
    detail: `${kind} spec${k.since ? ` (Xen ${k.since}+)` : ''}`,
    documentation: { kind: MarkupKind.Markdown, value: k.doc },
    insertText: k.flag ? k.key : `${k.key}=`,
    command: k.flag || !k.values?.length ? undefined : { title: 'values', command: 'editor.action.triggerSuggest' },
  }));
}
