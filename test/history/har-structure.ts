/**
 * Structural checks of a HAR 1.2 file, written from the HAR 1.2 specification (Jan Odvarko,
 * "HAR 1.2 Spec", softwareishard.com): required objects and fields, their types, and the rules
 * on sizes and timings. Returns the problems found (empty: the file conforms).
 */
type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

export function checkHar(har: unknown): string[] {
  const p: string[] = [];
  const need = (o: Obj, key: string, type: string, where: string): unknown => {
    const v = o[key];
    const ok = type === 'array' ? Array.isArray(v) : type === 'object' ? isObj(v) : typeof v === type;
    if (!ok) p.push(`${where}.${key}: expected ${type}`);
    return v;
  };
  const pairs = (o: Obj, key: string, where: string): void => {
    const list = need(o, key, 'array', where);
    if (!Array.isArray(list)) return;
    list.forEach((x, i) => {
      if (!isObj(x)) return void p.push(`${where}.${key}[${i}]: expected object`);
      need(x, 'name', 'string', `${where}.${key}[${i}]`);
      need(x, 'value', 'string', `${where}.${key}[${i}]`);
    });
  };
  const size = (o: Obj, key: string, where: string): void => {
    const v = need(o, key, 'number', where);
    if (typeof v === 'number' && (v < -1 || !Number.isInteger(v))) p.push(`${where}.${key}: integer >= -1`);
  };
  if (!isObj(har)) return ['root: expected object'];
  const log = need(har, 'log', 'object', 'root');
  if (!isObj(log)) return p;
  if (log['version'] !== '1.2') p.push('log.version: expected "1.2"');
  const creator = need(log, 'creator', 'object', 'log');
  if (isObj(creator)) {
    need(creator, 'name', 'string', 'log.creator');
    need(creator, 'version', 'string', 'log.creator');
  }
  const entries = need(log, 'entries', 'array', 'log');
  if (!Array.isArray(entries)) return p;
  entries.forEach((e, i) => {
    const w = `log.entries[${i}]`;
    if (!isObj(e)) return void p.push(`${w}: expected object`);
    const started = need(e, 'startedDateTime', 'string', w);
    if (typeof started === 'string' && !ISO_8601.test(started)) p.push(`${w}.startedDateTime: not ISO 8601`);
    const time = need(e, 'time', 'number', w);
    if (typeof time === 'number' && time < 0) p.push(`${w}.time: negative`);
    need(e, 'cache', 'object', w);
    const req = need(e, 'request', 'object', w);
    if (isObj(req)) {
      const rw = `${w}.request`;
      need(req, 'method', 'string', rw);
      const url = need(req, 'url', 'string', rw);
      if (typeof url === 'string' && !/^https?:\/\//.test(url)) p.push(`${rw}.url: absolute URL expected`);
      need(req, 'httpVersion', 'string', rw);
      pairs(req, 'cookies', rw);
      pairs(req, 'headers', rw);
      pairs(req, 'queryString', rw);
      size(req, 'headersSize', rw);
      size(req, 'bodySize', rw);
      if (req['postData'] !== undefined) {
        const pd = need(req, 'postData', 'object', rw);
        if (isObj(pd)) {
          need(pd, 'mimeType', 'string', `${rw}.postData`);
          if (pd['text'] === undefined && pd['params'] === undefined)
            p.push(`${rw}.postData: text or params`);
        }
      }
    }
    const res = need(e, 'response', 'object', w);
    if (isObj(res)) {
      const sw = `${w}.response`;
      need(res, 'status', 'number', sw);
      need(res, 'statusText', 'string', sw);
      need(res, 'httpVersion', 'string', sw);
      pairs(res, 'cookies', sw);
      pairs(res, 'headers', sw);
      need(res, 'redirectURL', 'string', sw);
      size(res, 'headersSize', sw);
      size(res, 'bodySize', sw);
      const content = need(res, 'content', 'object', sw);
      if (isObj(content)) {
        need(content, 'size', 'number', `${sw}.content`);
        need(content, 'mimeType', 'string', `${sw}.content`);
      }
    }
    const t = need(e, 'timings', 'object', w);
    if (isObj(t)) {
      // send, wait and receive are required and non-negative; the others may be -1 (not applicable).
      for (const k of ['send', 'wait', 'receive']) {
        const v = need(t, k, 'number', `${w}.timings`);
        if (typeof v === 'number' && v < 0) p.push(`${w}.timings.${k}: negative`);
      }
      for (const k of ['blocked', 'dns', 'connect', 'ssl']) {
        const v = t[k];
        if (v !== undefined && (typeof v !== 'number' || v < -1)) p.push(`${w}.timings.${k}: number >= -1`);
      }
      if (typeof time === 'number') {
        const sum = ['blocked', 'dns', 'connect', 'send', 'wait', 'receive']
          .map((k) => t[k])
          .filter((v): v is number => typeof v === 'number' && v > 0)
          .reduce((a, b) => a + b, 0);
        if (Math.abs(sum - time) > 0.01) p.push(`${w}.time: ${time} is not the sum of the timings (${sum})`);
      }
    }
  });
  return p;
}
