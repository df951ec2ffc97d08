// Hover, completion, outline and folding for lvm.conf-format files, all read from
// the one schema that validation uses.
import { CompletionItem, CompletionItemKind, CompletionItemTag, InsertTextFormat, MarkupKind } from 'vscode-languageserver-types';
import type { LvmNode, LvmScalar, LvmSection, Span } from './ast';
import { pathOf } from './ast';
import type { LvmAnalysis } from './lint';
import { childrenOf, definition, resolve, typeName } from './schema';
import type { LvmSetting as Def } from './schema/types';

export interface LvmHover {
  markdown: string;
  start: number;
  end: number;
}

/** The innermost node at `offset`, with the sections around it. */
function nodeAt(nodes: LvmNode[], offset: number, textEnd: number): LvmNode[] {
  for (const n of nodes) {
    const end = n.kind === 'section' && !n.close ? textEnd : n.end;
    if (offset < n.start || offset > end) continue;
    if (n.kind === 'section' && !(offset >= n.nameSpan.start && offset <= n.nameSpan.end)) {
      const inner = nodeAt(n.children, offset, textEnd);
      return [n, ...inner];
    }
    return [n];
  }
  return [];
}

function defOf(node: LvmNode): Def | undefined {
  const r = resolve(node.path, node.kind === 'section');
  return 'def' in r ? r.def : undefined;
}

export function hoverLvm(a: LvmAnalysis, offset: number): LvmHover | undefined {
  const chain = nodeAt(a.doc.nodes, offset, a.doc.text.length);
  const node = chain[chain.length - 1];
  if (!node) return undefined;
  const def = defOf(node);
  if (offset >= node.nameSpan.start && offset <= node.nameSpan.end) {
    if (!def) return { markdown: `**${pathOf(node)}** — lvm2 does not know this ${node.kind}.`, ...node.nameSpan };
    return { markdown: describe(def, pathOf(node)), ...node.nameSpan };
  }
  if (node.kind !== 'setting' || !def) return undefined;
  const item = node.value.items.find((i) => offset >= i.start && offset <= i.end);
  if (!item) return undefined;
  const reading = readAs(a.doc.text, item, def);
  return reading ? { markdown: reading, start: item.start, end: item.end } : undefined;
}

/** The schema entry as an operator wants to read it. */
export function describe(def: Def, real = def.path): string {
  const facts: string[] = [def.kind === 'section' ? 'section' : typeName(def).trim().replace(/^boolean$/, 'boolean (0/1, y/n, yes/no, on/off, true/false)')];
  if (def.default !== undefined) facts.push(`default \`${def.default}\``);
  else if (def.defaultNote) facts.push(`default: ${def.defaultNote}`);
  if (def.min !== undefined || def.max !== undefined) facts.push(`range ${def.min ?? '…'}–${def.max ?? '…'}${def.unit ? ` ${def.unit}` : ''}`);
  else if (def.unit) facts.push(def.unit);
  if (def.values) facts.push(`one of ${def.values.map((v) => `\`${v}\``).join(', ')}`);
  facts.push(`since lvm2 ${def.since}`);
  const lines = [`**${real}**`, facts.join(' · '), def.doc];
  if (def.removed) lines.push(`**No effect since ${def.removed.since}.** ${def.removed.note}${def.removed.use ? ` Instead: ${def.removed.use}.` : ''}`);
  if (def.deprecated) lines.push(`**Deprecated since ${def.deprecated.since}.** ${def.deprecated.note}${def.deprecated.use ? ` Instead: ${def.deprecated.use}.` : ''}`);
  if (def.advanced) lines.push('_Advanced setting._');
  return lines.join('\n\n');
}

/** How lvm2 reads a value under the cursor, when that is not obvious from its text. */
function readAs(text: string, item: LvmScalar, def: Def): string | undefined {
  const raw = text.slice(item.start, item.end);
  if (item.type === 'int' && def.types.includes('bool')) return `lvm2 reads \`${raw}\` as **${item.value === 0 ? 'false' : 'true'}**.`;
  if (item.type === 'int' && /^[+-]?0\d/.test(raw)) return `A leading 0 makes this octal: lvm2 reads \`${raw}\` as **${item.value}**.`;
  if (item.type === 'string' && def.types.includes('bool')) {
    const on = ['y', 'yes', 'on', 'true'].includes(String(item.value).toLowerCase());
    const off = ['n', 'no', 'off', 'false'].includes(String(item.value).toLowerCase());
    if (on || off) return `lvm2 reads \`${raw}\` as **${on ? 'true' : 'false'}**.`;
  }
  if (item.type === 'string' && /(^|\/)(global_)?filter$/.test(def.path)) return filterMeaning(String(item.value));
  if (item.type === 'string' && item.quote === 'bare') return `A bare word: lvm2 reads it as the string "${item.value}".`;
  return undefined;
}

function filterMeaning(p: string): string | undefined {
  if (p.length < 3 || (p[0] !== 'a' && p[0] !== 'r')) return undefined;
  return `**${p[0] === 'a' ? 'Accept' : 'Reject'}** devices whose name or any symlink (e.g. /dev/disk/by-id/…) matches \`${p.slice(2, -1)}\`. The first matching pattern decides; a device no pattern matches is accepted.`;
}

const NAME_BEFORE_CURSOR = /^[ \t]*[\w/"']*$/;
const VALUE_AFTER = /^[ \t]*([\w/]+)[ \t]*=[ \t]*(\[[^\]]*)?("?[^"\]]*)?$/;

export function completeLvm(a: LvmAnalysis, offset: number): CompletionItem[] {
  const text = a.doc.text;
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  if (before.includes('#')) return [];
  const chain = nodeAt(a.doc.nodes, offset, text.length).filter((n): n is LvmSection => n.kind === 'section' && !(offset >= n.nameSpan.start && offset <= n.nameSpan.end));
  const section = chain[chain.length - 1];
  const sectionDef = section ? defOf(section) : undefined;
  const sectionPath = section ? sectionDef?.path : '';
  if (sectionPath === undefined) return [];
  const value = VALUE_AFTER.exec(before);
  if (value) {
    const def = definition(sectionPath ? `${sectionPath}/${value[1]}` : value[1]);
    return def ? valueItems(def) : [];
  }
  if (!NAME_BEFORE_CURSOR.test(before)) return [];
  const present = new Set((section ? section.children : a.doc.nodes).map((n) => n.name));
  return childrenOf(sectionPath)
    .filter((d) => !d.path.endsWith('/#') && d.path !== '#' && !present.has(leaf(d)) && !d.removed && !d.unsupported)
    .map((d) => nameItem(d));
}

function leaf(def: Def): string {
  return def.path.slice(def.path.lastIndexOf('/') + 1);
}

function nameItem(def: Def): CompletionItem {
  const name = leaf(def);
  const section = def.kind === 'section';
  return {
    label: name,
    kind: section ? CompletionItemKind.Module : CompletionItemKind.Property,
    detail: section ? 'section' : `${typeName(def).trim()}${def.default !== undefined ? ` = ${def.default}` : ''}`,
    documentation: { kind: MarkupKind.Markdown, value: describe(def) },
    insertText: section ? `${name} {\n\t$0\n}` : `${name} = \${1:${snippetDefault(def)}}`,
    insertTextFormat: InsertTextFormat.Snippet,
    tags: def.deprecated ? [CompletionItemTag.Deprecated] : undefined,
    sortText: `${def.deprecated || def.advanced ? 'z' : 'a'}${name}`,
  };
}

function snippetDefault(def: Def): string {
  const d = def.default ?? (def.array ? '[ "" ]' : def.types.includes('string') ? '""' : '0');
  return d.replace(/[$}\\]/g, (c) => `\\${c}`);
}

function valueItems(def: Def): CompletionItem[] {
  const words = def.types.includes('bool') ? ['0', '1'] : def.values?.map((v) => `"${v}"`) ?? [];
  if (def.default !== undefined && !words.includes(def.default)) words.push(def.default);
  return words.map((w, i) => ({
    label: w,
    kind: CompletionItemKind.Value,
    detail: w === def.default ? 'default' : def.types.includes('bool') ? (w === '1' ? 'true' : 'false') : undefined,
    sortText: String(i).padStart(3, '0'),
  }));
}

export interface LvmSymbol {
  name: string;
  detail: string;
  section: boolean;
  span: Span;
  selection: Span;
  children: LvmSymbol[];
}

export function symbolsLvm(nodes: LvmNode[], textEnd: number): LvmSymbol[] {
  return nodes.map((n) => ({
    name: n.name,
    detail: n.kind === 'section' ? '' : summary(n.value.items, n.value.array),
    section: n.kind === 'section',
    span: { start: n.start, end: n.kind === 'section' && !n.close ? textEnd : n.end },
    selection: n.nameSpan,
    children: n.kind === 'section' ? symbolsLvm(n.children, textEnd) : [],
  }));
}

function summary(items: LvmScalar[], array: boolean): string {
  const shown = items.slice(0, 3).map((i) => (i.type === 'string' ? `"${i.value}"` : String(i.value))).join(', ');
  return array ? `[ ${shown}${items.length > 3 ? ', …' : ''} ]` : shown;
}

/** Folding ranges: every section from its name to its closing brace. */
export function foldingLvm(nodes: LvmNode[]): Span[] {
  return nodes.flatMap((n) => (n.kind === 'section' && n.close ? [{ start: n.start, end: n.close.start }, ...foldingLvm(n.children)] : []));
}
