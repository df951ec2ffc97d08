// Completion for sanlock.conf / dlm.conf: keys in the first column (the daemon
// ignores indented ones), values after `=` in the form the daemon reads (0/1, never
// yes/no), dlm line keywords, and device / lockspace names on connect, unfence, master.
import { CompletionItem, CompletionItemKind, InsertTextFormat, MarkupKind } from 'vscode-languageserver-types';
import type { LockConf, LockKind } from './parser';
import { settingLines } from './parser';
import { DLM_DIRECTIVES, lockKeys, lockKeySpec, SANLOCK_DEBUG_CMDS, type LockKeySpec } from './schema';

export function completeLockConf(conf: LockConf, offset: number, kind: LockKind = conf.kind): CompletionItem[] {
  const text = conf.text;
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  if (/^[A-Za-z_]*$/.test(before)) return [...keyItems(conf, kind), ...(kind === 'dlm' ? directiveItems() : [])];
  const value = /^([a-z_]+)[ \t]*=[ \t]*\S*$/.exec(before);
  if (value) {
    const spec = lockKeySpec(kind, value[1]);
    return spec ? valueItems(spec) : [];
  }
  if (kind === 'dlm') {
    const named = /^(connect|unfence|master)[ \t]+\S*$/.exec(before);
    if (named) return nameItems(conf, named[1] === 'master' ? 'lockspace' : 'device');
  }
  return [];
}

function keyItems(conf: LockConf, kind: LockKind): CompletionItem[] {
  const present = new Set(settingLines(conf).map((l) => l.key!.text));
  const sep = kind === 'sanlock' ? ' = ' : '=';
  return lockKeys(kind)
    .filter((k) => k.repeatable || !present.has(k.key))
    .map((k) => ({
      label: k.key,
      kind: CompletionItemKind.Property,
      detail: detail(k),
      documentation: { kind: MarkupKind.Markdown, value: k.doc },
      insertText: `${k.key}${sep}${valueSnippet(k)}`,
      insertTextFormat: InsertTextFormat.Snippet,
      sortText: `${k.hidden ? 'z' : 'a'}${k.key}`,
    }));
}

function detail(k: LockKeySpec): string {
  const range = !k.outside ? '' : k.min !== undefined && k.max !== undefined ? `, ${k.min}–${k.max}` : k.min !== undefined ? `, ≥ ${k.min}` : `, ≤ ${k.max}`;
  const unit = k.unit && k.default ? ` ${k.unit}` : '';
  return `${k.type}${k.default !== undefined ? `, default ${k.default}${unit}` : ''}${range}`;
}

/** The value as the daemon reads it, defaulting to the built-in value. */
function valueSnippet(k: LockKeySpec): string {
  switch (k.type) {
    case 'bool':
      return k.default === '0' ? '${1|0,1|}' : '${1|1,0|}';
    case 'flag':
      return '1'; // any value switches it on; 1 says so honestly
    case 'word-list': {
      const words = k.key === 'max_sectors_kb' ? ['1024', 'ignore', 'align'] : [...(k.default ? [k.default] : []), ...k.words!.filter((w) => w !== k.default)];
      return `\${1|${words.join(',')}|}`;
    }
    default:
      return `\${1:${escape(k.default ?? '')}}`;
  }
}

const escape = (s: string): string => s.replace(/[$}\\|,]/g, '\\$&');

function valueItems(k: LockKeySpec): CompletionItem[] {
  const item = (label: string, doc?: string): CompletionItem => ({
    label,
    kind: CompletionItemKind.Value,
    detail: `${k.key} value${label === k.default ? ' (default)' : ''}`,
    documentation: doc ? { kind: MarkupKind.Markdown, value: doc } : undefined,
  });
  switch (k.type) {
    case 'bool':
      return [item('1', 'On.'), item('0', k.off ? `Off: ${k.off}.` : 'Off.')];
    case 'flag':
      return [item('1', `Any value switches ${k.on ?? k.key} on; to turn it off, remove the line.`)];
    case 'word-list':
      return [...(k.key === 'max_sectors_kb' ? ['1024', '2048', '4096', '8192'] : []), ...k.words!].map((w) => item(w));
    case 'string':
      return k.key === 'debug_cmd' ? ['+all', '-all', ...SANLOCK_DEBUG_CMDS.map((c) => `+${c}`)].map((w) => item(w)) : k.default ? [item(k.default)] : [];
    default:
      return k.default !== undefined ? [item(k.default)] : [];
  }
}

const DIRECTIVE_SNIPPETS: Record<string, string> = {
  device: 'device ${1:name} ${2:fence_agent} ${3:ipaddr=}',
  connect: 'connect ${1:name} node=${2:1} ${3:port=}',
  unfence: 'unfence ${1:name}',
  fence_all: 'fence_all ${1:dlm_stonith}',
  unfence_all: 'unfence_all',
  lockspace: 'lockspace ${1:name} nodir=${2|1,0|}',
  master: 'master ${1:name} node=${2:1}',
  node: 'node id=${1:1} mark=${2:0}',
};

function directiveItems(): CompletionItem[] {
  return DLM_DIRECTIVES.map((d) => ({
    label: d.keyword,
    kind: CompletionItemKind.Keyword,
    detail: d.syntax,
    documentation: { kind: MarkupKind.Markdown, value: d.doc },
    insertText: DIRECTIVE_SNIPPETS[d.keyword],
    insertTextFormat: InsertTextFormat.Snippet,
    sortText: `m${d.keyword}`,
  }));
}

/** Names already defined by device or lockspace lines. */
function nameItems(conf: LockConf, of: 'device' | 'lockspace'): CompletionItem[] {
  const names = new Set<string>();
  for (const l of conf.lines) {
    if (l.type === 'directive' && !l.indent && l.keyword === of && l.words![1]) names.add(l.words![1].text);
  }
  return [...names].map((n) => ({ label: n, kind: CompletionItemKind.Reference, detail: `${of} ${n}` }));
}
