import { defineConfig } from 'vitest/config';

// Five kinds of tests, one vitest project each (README "Tests"). Only the kinds that talk to the
// real local engines start DynamoDB Local (one for the whole run, shared: test/support/globalSetup.ts).
// `npm test` runs every kind but `browser`, which needs Chromium (`npm run test:browser`).
const ENGINES = ['test/support/globalSetup.ts'];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    // Starting the embedded app (cognito-local, NLU training, seeding) in a file's beforeAll has
    // taken over 100 s on a busy shared 2-core machine.
    hookTimeout: 180_000,
    pool: 'forks',
    // Node 20 is this project's runtime until Lambda's default moves; the SDK's notice is noise here.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    projects: [
      {
        // Pure code and adapters over in-memory fakes: no engine, no server, no child process.
        extends: true,
        // Nothing here touches global state, so files share their workers' module cache
        // (isolate: false): the run is dominated by imports otherwise.
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          pool: 'threads',
          isolate: false,
          testTimeout: 10_000,
        },
      },
      {
        // One adapter or store against the real local engines: DynamoDB Local, cognito-local,
        // Bolt's HTTPReceiver, the NLU command line.
        extends: true,
        test: { name: 'integration', include: ['test/integration/**/*.test.ts'], globalSetup: ENGINES },
      },
      {
        // Whole conversations through the embedded app's HTTP API, as `npm start` runs it.
        extends: true,
        test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'], globalSetup: ENGINES },
      },
      {
        // CDK assertions over one synthesis for the whole project (test/infra/synth.ts): its files
        // share one worker and its module cache, so the app is synthesized once, without bundling.
        extends: true,
        test: {
          name: 'infra',
          include: ['test/infra/**/*.test.ts'],
          isolate: false,
          maxWorkers: 1,
          testTimeout: 60_000,
          hookTimeout: 180_000,
        },
      },
      {
        // The widget and the staff page in Debian's Chromium (playwright-core) against the embedded app.
        extends: true,
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          globalSetup: ENGINES,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
