// Flat ESLint config: typescript-eslint strict rules for every TS file, React hooks rules
// for the renderer. Prettier owns formatting, so no stylistic rules here.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { LAYER_ZONES, SERVER_WIDE } from './layers.config.js';

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'bench/results/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  // The layers of docs/architecture.md: each zone lists what its files may not import.
  ...LAYER_ZONES.map(({ files, forbid, message, allowTypeImports = false }) => ({
    files,
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ group: forbid, message, allowTypeImports }] },
      ],
    },
  })),
  {
    files: SERVER_WIDE.files,
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: SERVER_WIDE.forbid, message: SERVER_WIDE.message }] },
      ],
    },
  },
);
