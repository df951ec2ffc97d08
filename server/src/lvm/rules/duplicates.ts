// lvm/duplicate: one setting given twice in a file (also across repeated or slash-
// written sections, which lvm2 merges). lvm2 warns and keeps the last value.
import { pathOf } from '../ast';
import type { LvmSetting } from '../ast';
import type { LvmContext } from './context';

export function checkDuplicates(ctx: LvmContext): void {
  const last = new Map<string, LvmSetting>();
  for (const s of ctx.doc.settings) last.set(pathOf(s), s);
  for (const s of ctx.doc.settings) {
    const winner = last.get(pathOf(s))!;
    if (winner === s) continue;
    ctx.report('lvm/duplicate', s.nameSpan,
      `\`${pathOf(s)}\` is set again on line ${ctx.line(winner.start)}: lvm2 warns "Ignoring duplicate config value: ${winner.name}" and uses that later value, not this one`,
      {
        related: [{ message: 'the value lvm2 uses', start: winner.nameSpan.start, end: winner.nameSpan.end }],
        fixes: [{ kind: 'replace', text: '', title: `Remove this ${s.name}`, ...ctx.removal(s) }],
      });
  }
}
