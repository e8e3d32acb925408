/**
 * The fault-rule file format (docs/faults.md "File format"), as a zod schema: it validates
 * `--faults FILE`, the admin API's rule edits and the stored settings, and it is the source of
 * the JSON Schema shipped as docs/faults.schema.json (test/faults/json-schema.test.ts keeps the
 * two equal). Objects are strict so that a misspelt field is refused, not silently ignored.
 */
import { z } from 'zod';
import {
  FAULT_METHODS,
  FAULT_RESOURCES,
  type FaultFile,
  type FaultMatch,
  type FaultRespond,
  type FaultRule,
} from '../domain/fault-rule';

/** Bounds a demanding user will not hit, and a runaway file cannot exceed. */
export const FAULT_LIMITS = {
  maxRules: 100,
  nameMaxLength: 64,
  patternMaxLength: 512,
  detailMaxLength: 1024,
  /** Okta closes the socket after 60 s (docs/okta.md §1); a longer delay tests nothing more */
  maxDelayMs: 120_000,
  maxRetryAfterSeconds: 86_400,
  maxRatePerSecond: 10_000,
} as const;

const L = FAULT_LIMITS;

function isRegex(source: string): boolean {
  try {
    new RegExp(source, 'i');
    return true;
  } catch {
    return false;
  }
}

const pattern = z
  .string()
  .min(1)
  .max(L.patternMaxLength)
  .refine(isRegex, { error: 'must be a valid regular expression' });

const oneOrMany = <T extends z.ZodType>(item: T) => z.union([item, z.array(item).min(1)]);

const IMF_DATE = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/;

export const faultMatchSchema = z.strictObject({
  method: oneOrMany(z.enum(FAULT_METHODS))
    .describe('One method or a list; any method when absent.')
    .optional(),
  resource: oneOrMany(z.enum(FAULT_RESOURCES))
    .describe('One resource or a list; any resource when absent.')
    .optional(),
  path: pattern.describe('Regular expression tested against the URL path as sent.').optional(),
  token: z.string().min(1).max(128).describe('Name of the bearer token the request came with.').optional(),
  userName: pattern
    .describe('Regular expression (case-insensitive) for the userName in the body, else of the target user.')
    .optional(),
  displayName: pattern
    .describe('Regular expression (case-insensitive) for the displayName in the body, else of the target.')
    .optional(),
}) satisfies z.ZodType<FaultMatch>;

export const faultRespondSchema = z
  .strictObject({
    status: z
      .number()
      .int()
      .refine((s) => s >= 400 && s <= 599, { error: 'must be 4xx or 5xx' })
      .optional(),
    retryAfter: z
      .union([
        z.number().int().min(0).max(L.maxRetryAfterSeconds),
        z.string().regex(IMF_DATE, {
          error: 'must be whole seconds or an HTTP date such as "Wed, 21 Oct 2026 07:28:00 GMT"',
        }),
      ])
      .optional(),
    detail: z.string().min(1).max(L.detailMaxLength).optional(),
    delayMs: z
      .number()
      .int()
      .min(0)
      .max(L.maxDelayMs)
      .describe('Wait this long, then answer normally or with status.')
      .optional(),
    drop: z.boolean().describe('Close the connection without any response.').optional(),
    afterWrite: z.boolean().describe('Apply the request first, then answer with the fault.').optional(),
  })
  .superRefine((r, ctx) => {
    const issue = (path: string, message: string) =>
      ctx.addIssue({ code: 'custom', path: [path], message, input: r });
    if (r.status === undefined && r.delayMs === undefined && r.drop !== true)
      issue('status', 'is required unless delayMs or drop is given');
    if (r.drop === true && r.status !== undefined)
      issue('drop', 'cannot be combined with status (a dropped connection has no answer)');
    if (r.retryAfter !== undefined && r.status === undefined)
      issue('retryAfter', 'needs a status to go with');
    if (r.detail !== undefined && r.status === undefined) issue('detail', 'needs a status to go with');
    if (r.afterWrite === true && r.status === undefined && r.drop !== true)
      issue('afterWrite', 'needs a status or drop: the fault that hides the applied write');
  }) satisfies z.ZodType<FaultRespond>;

export const faultRuleSchema = z.strictObject({
  name: z
    .string()
    .min(1)
    .max(L.nameMaxLength)
    .regex(/^[A-Za-z0-9][A-Za-z0-9 ._:-]*$/, {
      error: 'must start with a letter or digit and use letters, digits, space . _ : -',
    }),
  match: faultMatchSchema,
  respond: faultRespondSchema,
  times: z.number().int().min(1).describe('Fire N times, then stop.').optional(),
  every: z.number().int().min(1).describe('Fire on every Nth matching request.').optional(),
  probability: z
    .number()
    .min(0)
    .max(1)
    .describe('Fire with this probability, drawn from a seeded PRNG.')
    .optional(),
  seed: z
    .number()
    .int()
    .min(0)
    .max(0xffffffff)
    .describe('PRNG seed for probability (default: from the name).')
    .optional(),
  ratePerSecond: z
    .number()
    .int()
    .min(1)
    .max(L.maxRatePerSecond)
    .describe('Fire only for matching requests beyond this many per second.')
    .optional(),
  enabled: z.boolean().describe('Default true; a disabled rule never fires.').optional(),
}) satisfies z.ZodType<FaultRule>;

export const faultRulesSchema = z
  .array(faultRuleSchema)
  .max(L.maxRules)
  .superRefine((rules, ctx) => {
    const seen = new Set<string>();
    rules.forEach((r, i) => {
      if (seen.has(r.name))
        ctx.addIssue({
          code: 'custom',
          path: [i, 'name'],
          message: 'is already used by an earlier rule',
          input: r,
        });
      seen.add(r.name);
    });
  });

export const faultFileSchema = z.strictObject({
  $schema: z.string().optional(),
  rules: faultRulesSchema,
}) satisfies z.ZodType<FaultFile>;
