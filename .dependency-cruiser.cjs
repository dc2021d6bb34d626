/**
 * Rooms and doors: what may import what. `npm run lint` checks every import in bots/, fulfillment/,
 * adapters/, infra/, web-widget/ and test/ against these rules (test/support/doors.ts runs
 * dependency-cruiser's API, as its CLI refuses Node 20) and fails on any violation not listed in
 * .dependency-cruiser-known-violations.json. The README's "Architecture" section draws the rooms.
 *
 * The top-level rooms form one direction, so no import cycle can run between them:
 *   bots ← fulfillment ← adapters ← infra ← test, and web-widget on its own.
 */
const NODE_MODULES = '(^|/)node_modules/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'widget-is-browser-code',
      comment:
        'web-widget/ runs in browsers: it imports its own files and browser packages, nothing of the server and no Node built-in. A type-only import (an API contract) carries no code and is fine.',
      severity: 'error',
      from: { path: '^web-widget/' },
      to: { pathNot: ['^web-widget/', NODE_MODULES], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'widget-is-served-not-imported',
      comment:
        'Nothing outside web-widget/ imports it (its own tests aside): the local server builds it from its files by path (adapters/local/widgetBuild.ts) and serves the result.',
      severity: 'error',
      from: { pathNot: ['^web-widget/', '^test/'] },
      to: { path: '^web-widget/' },
    },
    {
      name: 'domain-is-pure',
      comment: 'fulfillment/domain imports itself and zod, nothing else: no AWS, no clock, no Node.',
      severity: 'error',
      from: { path: '^fulfillment/domain/' },
      to: { pathNot: ['^fulfillment/domain/', `${NODE_MODULES}zod/`] },
    },
    {
      name: 'data-through-store-ports',
      comment: 'Intents and use cases reach data through the store ports only, never store/dynamo/.',
      severity: 'error',
      from: { path: '^fulfillment/(intents|usecases)/' },
      to: { path: '^fulfillment/store/dynamo/' },
    },
    {
      name: 'fulfillment-stays-inside',
      comment: 'fulfillment/ never imports adapters/, infra/ or web-widget/.',
      severity: 'error',
      from: { path: '^fulfillment/' },
      to: { path: '^(adapters|infra|web-widget)/' },
    },
    {
      name: 'bots-stay-inside',
      comment: 'bots/ never imports adapters/, infra/ or web-widget/.',
      severity: 'error',
      from: { path: '^bots/' },
      to: { path: '^(adapters|infra|web-widget)/' },
    },
    {
      name: 'bots-below-fulfillment',
      comment:
        'Fulfillment reads the bot definition (intent names, contexts); bots/ importing fulfillment/ would close a cycle between the two rooms.',
      severity: 'error',
      from: { path: '^bots/' },
      to: { path: '^fulfillment/' },
    },
    {
      name: 'adapters-below-infra',
      comment:
        'infra/ deploys the adapters (by entry path); runtime code importing the CDK app would close a cycle and ship CDK.',
      severity: 'error',
      from: { path: '^adapters/' },
      to: { path: '^infra/' },
    },
    {
      name: 'nothing-imports-tests',
      comment: 'test/ may import every room; no room imports test/.',
      severity: 'error',
      from: { pathNot: '^test/' },
      to: { path: '^test/' },
    },
    {
      name: 'lambda-entry-is-a-leaf',
      comment:
        'A Lambda entry (adapters/*/lambda.ts) is imported only by tests and the local invoker; what two entries share lives in adapters/shared.',
      severity: 'error',
      from: { pathNot: ['^test/', '^adapters/local/invoke\\.ts$'] },
      to: { path: '^adapters/[^/]+/lambda\\.ts$' },
    },
    {
      name: 'web-channel-is-its-own',
      comment:
        "adapters/web/ is the web chat channel: other adapters take HTTP types, json() and the API Gateway translation from adapters/shared, not from one channel's files. The embedded default's composition root (adapters/local) wires the channel in.",
      severity: 'error',
      from: { pathNot: ['^adapters/web/', '^adapters/local/', '^test/'] },
      to: { path: '^adapters/web/' },
    },
    {
      name: 'shared-depends-on-no-channel',
      comment: 'adapters/shared is what several adapters share, so it imports no one adapter.',
      severity: 'error',
      from: { path: '^adapters/shared/' },
      to: { path: '^adapters/(?!shared/)' },
    },
  ],
  options: {
    doNotFollow: { path: NODE_MODULES },
    // Type-only imports are seen (and marked type-only), so the widget's contract exception applies.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: ['(^|/)dist/', '(^|/)cdk\\.out/', '(^|/)\\.data/'] },
  },
};
