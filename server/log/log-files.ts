/**
 * Reads the request log's files without the RequestLog (the validation report reads a data
 * directory that a running server may own, and must never write to it). Oldest first; entries
 * written before Okta actions existed are classified here the same way a restart does.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LogEntry } from '../domain/request-record';
import { OktaActionClassifier } from './actions';
import { actionRequestOf } from './request-log';

export const LOG_FILES = ['requests.1.jsonl', 'requests.jsonl'] as const;

export function readLogFiles(dir: string): LogEntry[] {
  const out: LogEntry[] = [];
  const classifier = new OktaActionClassifier();
  for (const f of LOG_FILES) {
    const p = join(dir, f);
    if (!existsSync(p)) continue;
    let text: string;
    try {
      text = readFileSync(p, 'utf8');
    } catch {
      continue; // rotated away between the check and the read
    }
    for (const line of text.split('\n')) {
      if (!line) continue;
      try {
        const e = JSON.parse(line) as LogEntry;
        e.oktaAction ??= classifier.classify(actionRequestOf(e));
        out.push(e);
      } catch {
        // a torn last line (the server may be writing it right now)
      }
    }
  }
  // A rotation between the two reads can list an entry twice: keep one of each.
  const seen = new Set<string>();
  return out.filter((e) => (seen.has(e.id) ? false : (seen.add(e.id), true))).sort((a, b) => a.seq - b.seq);
}
