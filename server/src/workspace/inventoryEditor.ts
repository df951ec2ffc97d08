// Hover and completion in xenops.yaml, from the same key table that validates it.
import { CompletionItem, CompletionItemKind, InsertTextFormat, MarkupKind } from 'vscode-languageserver-types';
import { HOST_KEYS, TOP_KEYS } from './inventory';

/** The key on the line at `offset`, with its indentation, if the cursor is on it. */
function keyAt(text: string, offset: number): { key: string; indent: number; start: number; end: number } | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const lineEnd = text.indexOf('\n', offset);
  const line = text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd);
  const m = /^(\s*)([A-Za-z_][\w-]*)\s*:/.exec(line);
  if (!m) return undefined;
  const start = lineStart + m[1].length;
  const end = start + m[2].length;
  return offset >= start && offset <= end ? { key: m[2], indent: m[1].length, start, end } : undefined;
}

export function hoverInventory(text: string, offset: number): { markdown: string; start: number; end: number } | undefined {
  const k = keyAt(text, offset);
  if (!k) return undefined;
  const top = k.indent === 0 ? TOP_KEYS.find((t) => t.key === k.key) : undefined;
  if (top) return { markdown: `**${top.key}**\n\n${top.doc}`, start: k.start, end: k.end };
  const host = HOST_KEYS.find((h) => h.key === k.key);
  if (host && k.indent >= 4) {
    const unit = host.unit ? ` (${host.unit})` : '';
    return { markdown: `**${host.key}**${unit}\n\n${host.doc}\n\nExample: \`${host.key}: ${host.example}\``, start: k.start, end: k.end };
  }
  if (k.indent > 0 && k.indent < 4) return { markdown: `**${k.key}** — a Xen host`, start: k.start, end: k.end };
  return undefined;
}

export function completeInventory(text: string, offset: number): CompletionItem[] {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  if (!/^\s*[\w-]*$/.test(before)) return [];
  const indent = before.length - before.trimStart().length;
  if (indent === 0) return TOP_KEYS.map((t) => ({ label: t.key, kind: CompletionItemKind.Property, documentation: t.doc, insertText: `${t.key}:\n  ` }));
  if (indent < 4) return [];
  const present = siblingKeys(text, lineStart, indent);
  return HOST_KEYS.filter((h) => !present.has(h.key)).map((h) => ({
    label: h.key,
    kind: CompletionItemKind.Property,
    documentation: { kind: MarkupKind.Markdown, value: h.doc },
    insertText: `${h.key}: \${1:${h.example.replace(/[$}\\]/g, '\\$&')}}`,
    insertTextFormat: InsertTextFormat.Snippet,
  }));
}

/** Keys already set in the mapping the line at `lineStart` belongs to. */
function siblingKeys(text: string, lineStart: number, indent: number): Set<string> {
  const keys = new Set<string>();
  const lines = text.split('\n');
  const here = text.slice(0, lineStart).split('\n').length - 1;
  for (const dir of [-1, 1]) {
    for (let i = here + dir; i >= 0 && i < lines.length; i += dir) {
      const m = /^(\s*)([\w-]+)\s*:/.exec(lines[i]);
      if (!lines[i].trim() || lines[i].trim().startsWith('#')) continue;
      const ind = lines[i].length - lines[i].trimStart().length;
      if (ind < indent) break;
      if (m && ind === indent) keys.add(m[2]);
    }
  }
  return keys;
}
