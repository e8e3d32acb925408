/**
 * dateTime values (RFC 7643 §2.3.5: xsd:dateTime) normalised for comparison: filters compare
 * instants, not spellings, so `2015-10-10T14:38:21.8617979-07:00` (Microsoft's test collection)
 * and `2015-10-10T21:38:21.862Z` are equal. The same function runs in JavaScript (in-memory
 * filters) and in SQL (the `scim_datetime` function), so both engines agree.
 */

const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,12}))?)?(?:([Zz])|([+-])(\d{2}):?(\d{2}))?)?$/;

/** Strict xsd:dateTime shape, for type validation of resource bodies. */
export const XSD_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})?$/;

/**
 * Parses a date or date-time and returns it as `YYYY-MM-DDTHH:MM:SS.mmmZ` (UTC, milliseconds
 * rounded), or null when it is not a valid date. A value without offset is read as UTC.
 */
export function normalizeDateTime(text: string): string | null {
  const m = DATE_TIME.exec(text);
  if (!m) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', , sign, oh = '0', om = '0'] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59 || Number(oh) > 23 || Number(om) > 59) return null;
  const ms = frac ? Math.round(Number(`0.${frac}`) * 1000) : 0;
  const offset = sign ? (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om)) : 0;
  const date = new Date(0);
  // setUTCFullYear, not Date.UTC: Date.UTC maps years 0–99 to 1900–1999.
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute - offset, second, ms);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

function daysIn(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** SQL-facing variant (`scim_datetime`): non-strings and invalid dates give NULL. */
export function dateTimeSql(value: unknown): string | null {
  return typeof value === 'string' ? normalizeDateTime(value) : null;
}
