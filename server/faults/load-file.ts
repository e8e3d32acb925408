/** Reads `--faults FILE` (docs/faults.md "File format"): the rules, or every problem named. */
import { readFileSync } from 'node:fs';
import type { FaultRule } from '../domain/fault-rule';
import { parseFaultText } from './validate';

export class FaultFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file}: ${problems.length === 1 ? problems[0] : `\n  ${problems.join('\n  ')}`}`);
  }
}

export function loadFaultFile(file: string): FaultRule[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new FaultFileError(file, [
      `cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`,
    ]);
  }
  const r = parseFaultText(text);
  if (!r.ok) throw new FaultFileError(file, r.errors);
  return r.rules;
}
