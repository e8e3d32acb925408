/**
 * The layer rules of docs/architecture.md are enforced by the lint configuration
 * (layers.config.js). Each case lints one deliberate breach, as a file placed in the zone,
 * and expects the zone's rule to fail it; the allowed imports beside it must pass.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function layerErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? [])
    .filter(
      (m) => m.ruleId === '@typescript-eslint/no-restricted-imports' || m.ruleId === 'no-restricted-imports',
    )
    .map((m) => m.message);
}

const breaches: { zone: string; file: string; code: string }[] = [
  {
    zone: 'store → scim',
    file: 'server/store/breach.ts',
    code: "import { x } from '../scim/server';\nexport const y = x;\n",
  },
  {
    zone: 'store → admin',
    file: 'server/store/breach.ts',
    code: "import type { AdminApi } from '../admin/contract';\nexport type Y = AdminApi;\n",
  },
  {
    zone: 'store → log',
    file: 'server/store/breach.ts',
    code: "import { RequestLog } from '../log/request-log';\nexport const y = RequestLog;\n",
  },
  {
    zone: 'store → auth',
    file: 'server/store/breach.ts',
    code: "import { TokenService } from '../auth/tokens';\nexport const y = TokenService;\n",
  },
  {
    zone: 'scim → admin',
    file: 'server/scim/breach.ts',
    code: "import type { LogEntry } from '../admin/contract';\nexport type Y = LogEntry;\n",
  },
  {
    zone: 'log → admin',
    file: 'server/log/breach.ts',
    code: "import type { LogQuery } from '../admin/contract';\nexport type Y = LogQuery;\n",
  },
  {
    zone: 'domain → store',
    file: 'server/domain/breach.ts',
    code: "import type { Store } from '../store';\nexport type Y = Store;\n",
  },
  {
    zone: 'domain → zod',
    file: 'server/domain/breach.ts',
    code: "import { z } from 'zod';\nexport const y = z;\n",
  },
  {
    zone: 'query → scim',
    file: 'server/query/breach.ts',
    code: "import { x } from '../scim/reply';\nexport const y = x;\n",
  },
  {
    zone: 'simulator → store',
    file: 'server/simulator/breach.ts',
    code: "import type { Store } from '../store';\nexport type Y = Store;\n",
  },
  {
    zone: 'simulator → scim',
    file: 'server/simulator/flows/breach.ts',
    code: "import { x } from '../../scim/reply';\nexport const y = x;\n",
  },
  {
    zone: 'simulator → admin',
    file: 'server/simulator/breach.ts',
    code: "import { ADMIN_INPUT } from '../admin/contract';\nexport const y = ADMIN_INPUT;\n",
  },
  {
    zone: 'simulator → log',
    file: 'server/simulator/breach.ts',
    code: "import { RequestLog } from '../log/request-log';\nexport const y = RequestLog;\n",
  },
  {
    zone: 'simulator → auth',
    file: 'server/simulator/breach.ts',
    code: "import { TokenService } from '../auth/tokens';\nexport const y = TokenService;\n",
  },
  {
    zone: 'http → domain',
    file: 'server/http/breach.ts',
    code: "import { ScimError } from '../domain/errors';\nexport const y = ScimError;\n",
  },
  {
    zone: 'server → electron',
    file: 'server/admin/breach.ts',
    code: "import { app } from 'electron';\nexport const y = app;\n",
  },
  {
    zone: 'server → renderer',
    file: 'server/breach.ts',
    code: "import { x } from '../renderer/src/app';\nexport const y = x;\n",
  },
  {
    zone: 'renderer → server (value)',
    file: 'renderer/src/breach.ts',
    code: "import { ADMIN_METHODS } from '../../server/admin/contract';\nexport const y = ADMIN_METHODS;\n",
  },
];

describe('layer rules in the lint configuration', () => {
  it.each(breaches)('fails a breach: $zone', async ({ file, code }) => {
    expect(await layerErrors(file, code)).not.toEqual([]);
  });

  it.each([
    {
      file: 'server/store/ok.ts',
      code: "import { fold } from '../domain/fold';\nimport type { SqlTarget } from '../query';\nexport const y = fold;\nexport type Y = SqlTarget;\n",
    },
    {
      file: 'server/scim/ok.ts',
      code: "import type { LogEntry } from '../domain/request-record';\nexport type Y = LogEntry;\n",
    },
    {
      file: 'renderer/src/ok.ts',
      code: "import type { AdminApi } from '../../server/admin/contract';\nexport type Y = AdminApi;\n",
    },
    {
      file: 'server/http/ok.ts',
      code: "import type { IncomingMessage } from 'node:http';\nexport type Y = IncomingMessage;\n",
    },
    { file: 'server/query/ok.ts', code: "import { fold } from '../domain/fold';\nexport const y = fold;\n" },
    {
      file: 'server/simulator/ok.ts',
      code: "import { SCIM_BASE_PATH } from '../domain/profiles';\nexport const y = SCIM_BASE_PATH;\n",
    },
  ])('passes an allowed import in $file', async ({ file, code }) => {
    expect(await layerErrors(file, code)).toEqual([]);
  });
});
