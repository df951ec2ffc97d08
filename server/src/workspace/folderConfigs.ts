// The domU configs under a folder, for comparing two hosts' folders (xenops diff and the
// Compare Domain Configs command).
import { type ReadResult, readText, walk } from '../core/files';
import { fileKind } from '../lintService';
import { DOMAIN_CONFIG_FILE } from '../xl/detect';
import type { DomainFile } from './drift';

/**
 * The domU configs under a folder (recursively, as `xenops lint` walks it). `readFile` lets
 * the language server hand in the text of open editors instead of what is on disk.
 */
export function folderConfigs(dir: string, readFile: (file: string) => ReadResult = readText): DomainFile[] {
  const out: DomainFile[] = [];
  for (const file of walk(dir)) {
    if (!DOMAIN_CONFIG_FILE.test(file)) continue;
    const r = readFile(file);
    if (!('problem' in r) && fileKind(file, r.text) === 'xen-cfg') out.push({ file, text: r.text });
  }
  return out;
}
