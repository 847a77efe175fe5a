import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['server/test/**/*.test.ts', 'webview/test/**/*.test.ts', 'client/test/**/*.test.ts'],
    globalSetup: ['server/test/buildOnce.ts', 'webview/test/ensureChromium.ts'],
    testTimeout: 60_000,
  },
});
