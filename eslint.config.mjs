// ESLint for the JavaScript the product ships as files of its own, which
// build-index embeds: the service worker body (build-index/src/publish/site/sw.js)
// and the reader's loader (build-index/src/publish/site/boot.js).
// scripts/test.sh runs `npx eslint` over them.
import js from '@eslint/js';

export default [
  {
    files: ['build-index/src/publish/site/sw.js'],
    ...js.configs.recommended,
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'script',
      // A service worker's global scope.
      globals: {
        self: 'readonly',
        caches: 'readonly',
        fetch: 'readonly',
        Request: 'readonly',
        Response: 'readonly',
        URL: 'readonly',
        Promise: 'readonly',
        Set: 'readonly',
      },
    },
    rules: {
      ...js.configs.recommended.rules,
      'no-var': 'error',
      'prefer-const': 'error',
      eqeqeq: 'error',
      strict: ['error', 'never'],
    },
  },
  {
    files: ['build-index/src/publish/site/boot.js'],
    ...js.configs.recommended,
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      // A page's global scope.
      globals: {
        document: 'readonly',
        requestAnimationFrame: 'readonly',
        setTimeout: 'readonly',
        Promise: 'readonly',
      },
    },
    rules: {
      ...js.configs.recommended.rules,
      'no-var': 'error',
      'prefer-const': 'error',
      eqeqeq: 'error',
    },
  },
];
