import { defineConfig } from 'vitest/config';

// `npm run test:browser`: the widget end to end in Debian's Chromium (playwright-core), against the
// real embedded default with the local Cognito. Same DynamoDB Local setup as `npm test`; each file
// starts its own app (own table, own Cognito data) and its own browser.
export default defineConfig({
  test: {
    include: ['test/browser/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    globalSetup: ['test/support/globalSetup.ts'],
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  },
});
