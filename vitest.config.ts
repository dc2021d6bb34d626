import { defineConfig } from 'vitest/config';

// One suite for `npm test`: unit tests (pure, fast) and integration tests that start the real
// local engines themselves (DynamoDB Local via test/support/dynamo.ts). Browser tests live under
// test/browser and run through their own script because they need Chromium.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/browser/**', 'node_modules/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    globalSetup: ['test/support/globalSetup.ts'],
    // Node 20 is this project's runtime until Lambda's default moves; the SDK's notice is noise here.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  },
});
