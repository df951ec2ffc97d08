// lvm/range: numbers outside what lvm2 accepts or acts on, words that are not one
// of the setting's choices; filters go to their own check.
import { suggest } from '../../core/text';
import type { LvmSetting } from '../ast';
import type { LvmSetting as Def } from '../schema/types';
import type { LvmContext } from './context';
import { checkFilter } from './filter';

const FILTERS = new Set(['devices/filter', 'devices/global_filter']);

export function checkValues(ctx: LvmContext, node: LvmSetting, def: Def, real: string): void {
  if (FILTERS.has(def.path)) return checkFilter(ctx, node, real);
  for (const item of node.value.items) {
    if (item.type === 'int' && typeof item.value === 'number' && !def.types.includes('bool')) {
      const n = item.value;
      if ((def.min !== undefined && n < def.min) || (def.max !== undefined && n > def.max)) {
        const unit = def.unit ? ` ${def.unit}` : '';
        const range = def.max === undefined ? `at least ${def.min}${unit}` : def.min === undefined ? `at most ${def.max}${unit}` : `${def.min} to ${def.max}${unit}`;
        ctx.report('lvm/range', item, `\`${real} = ${n}\` is outside what lvm2 acts on: ${range}`);
      }
    }
    const same = (v: string) => (def.caseInsensitive ? v.toLowerCase() === String(item.value).toLowerCase() : v === item.value);
    if (item.type === 'string' && def.values && !def.values.some(same)) {
      const s = String(item.value);
      const mean = suggest(s, def.values);
      ctx.report('lvm/range', item, `\`${real}\` must be one of ${def.values.map((v) => `"${v}"`).join(', ')}: lvm2 does not know "${s}"`, {
        fixes: mean.map((m) => ({ kind: 'replace' as const, text: `"${m}"`, title: `Write "${m}"` })),
      });
    }
  }
}
