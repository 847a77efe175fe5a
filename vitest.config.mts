import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['server/test/**/*.test.ts', 'webview/test/**/*.test.ts', 'client/test/**/*.test.ts'],
    testTimeout: 60_000,
  },
});
