/**
 * The CDK app as a function, so `infra/bin/app.ts` (cdk synth) and the infra tests build exactly
 * the same thing: both stacks, environment-agnostic (no account/region, no lookups: synth works
 * offline without credentials), with cdk-nag's AwsSolutions checks as a validation plugin, which
 * makes synth fail on any finding that is not acknowledged with a reason.
 */
import { App, type AppProps, Validations } from 'aws-cdk-lib';
import recommendedFeatureFlags from 'aws-cdk-lib/recommended-feature-flags.json' with { type: 'json' };
import { AwsSolutionsChecks } from 'cdk-nag';
import { loadBot } from '../../bots/definition/index.js';
import { loadDeploymentConfig } from './config.js';
import { StatefulStack } from './stateful-stack.js';
import { StatelessStack } from './stateless-stack.js';

export const STATEFUL_STACK_NAME = 'BloodBankData';
export const STATELESS_STACK_NAME = 'BloodBankApp';

export interface BloodBankApp {
  app: App;
  data: StatefulStack;
  service: StatelessStack;
}

export function createApp(props: AppProps = {}): BloodBankApp {
  // The feature flags `cdk init` would write to cdk.json, set here so tests build the same app as
  // synth (e.g. server access logs delivered by bucket policy, not ACLs). cdk.json context overrides.
  const app = new App({ ...props, context: { ...recommendedFeatureFlags, ...props.context } });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  const config = loadDeploymentConfig(app.node);
  const data = new StatefulStack(app, STATEFUL_STACK_NAME);
  const service = new StatelessStack(app, STATELESS_STACK_NAME, { data, bot: loadBot(), config });
  return { app, data, service };
}
