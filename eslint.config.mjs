// ESLint for the JavaScript the product ships as a file of its own: the
// service worker body that build-index embeds (build-index/src/publish/site/sw.js).
// scripts/test.sh runs `npx eslint` over it.
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
];
