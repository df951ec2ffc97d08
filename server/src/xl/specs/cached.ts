// The spec parsers with their results remembered: configs are re-checked on every
// edit, and almost all of their spec strings are the same as last time.
import type { GuestType } from '../schema/types';
import { parseCpus } from './cpus';
import { parseDisk } from './disk';
import { memoise } from './memo';
import { parsePci } from './pci';
import { parseVif } from './vif';

export const diskOf = memoise(parseDisk);
export const pciOf = memoise((spec: string) => parsePci(spec));
export const cpusOf = memoise((spec: string) => parseCpus(spec));

const vifs = memoise((spec: string, context: string) => {
  const [guest, version] = context.split('|');
  return parseVif(spec, (guest || undefined) as GuestType | undefined, version);
});

/** A vif depends on the guest type and the Xen version too. */
export function vifOf(spec: string, guest: GuestType | undefined, version: string) {
  return vifs(spec, `${guest ?? ''}|${version}`);
}
