/**
 * The app every infra test asserts on, built by the same `createApp` as `npm run synth` and
 * synthesized once per test run: the infra project runs its files in one worker without isolation
 * (vitest.config.ts), so this module and its cached result are shared by every file. Assets are not
 * bundled (`aws:cdk:bundling-stacks` empty): the templates do not depend on the bundles' contents,
 * and the bundles themselves are built and measured by `npm run bench`. CDK's built-in
 * CloudFormation linter is off too (it adds ~40 s and is not what these tests assert); cdk-nag
 * stays on, and a synth it fails is kept in `synthError` for the nag tests to report.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CfnElement, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { type BloodBankApp, createApp } from '../../infra/lib/app.js';

/** App context that skips asset bundling in every stack (CDK's own switch, as `cdk synth -e` uses). */
export const NO_BUNDLING = { 'aws:cdk:bundling-stacks': [] as string[] };

export interface Synthesized extends BloodBankApp {
  outdir: string;
  data: BloodBankApp['data'];
  stateful: Template;
  stateless: Template;
}

export interface SynthRun extends BloodBankApp {
  outdir: string;
  /** What `app.synth()` threw (cdk-nag fails synth on an unacknowledged finding), if anything. */
  synthError: unknown;
  /** cdk-nag's report, written to the output directory by the validation plugin. */
  validationReport(): ValidationReport;
}

export interface ValidationReport {
  pluginReports: { pluginName: string; conclusion: string; violations: unknown[] }[];
}

let run: SynthRun | undefined;
let templates: Synthesized | undefined;

/** The one synthesis of this test run, made on first use. */
export function synthRun(): SynthRun {
  if (run) return run;
  const outdir = mkdtempSync(join(tmpdir(), 'bloodbank-cdk-'));
  const built = createApp({ outdir, builtinCloudFormationValidation: false, context: NO_BUNDLING });
  let synthError: unknown;
  try {
    built.app.synth();
  } catch (error) {
    synthError = error;
  }
  run = {
    ...built,
    outdir,
    synthError,
    validationReport: () =>
      JSON.parse(readFileSync(join(outdir, 'validation-report.json'), 'utf8')) as ValidationReport,
  };
  return run;
}

/** Both stacks' templates from the shared synthesis; throws what synth threw, if it failed. */
export function synthesize(): Synthesized {
  if (templates) return templates;
  const shared = synthRun();
  if (shared.synthError) throw shared.synthError;
  templates = {
    ...shared,
    stateful: Template.fromStack(shared.data),
    stateless: Template.fromStack(shared.service),
  };
  return templates;
}

/** The logical ID of a construct's CloudFormation resource (its default child, or itself). */
export function logicalIdOf(construct: IConstruct): string {
  const element = (construct.node.defaultChild ?? construct) as CfnElement;
  return Stack.of(element).getLogicalId(element);
}

/** True when a template value refers to that logical ID (Ref, GetAtt, or a cross-stack output). */
export function refersTo(value: unknown, logicalId: string): boolean {
  return JSON.stringify(value).includes(logicalId);
}

export interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: Record<string, Record<string, unknown>>;
}

export type Resources = Record<string, { Type: string; Properties: Record<string, unknown> }>;

/** Every statement of the inline policies attached to the role with this logical ID. */
export function statementsOfRole(template: Template, roleLogicalId: string): Statement[] {
  const policies = Object.values(template.findResources('AWS::IAM::Policy') as Resources).filter((p) =>
    (p.Properties.Roles as unknown[]).some((r) => refersTo(r, roleLogicalId)),
  );
  return policies.flatMap((p) => (p.Properties.PolicyDocument as { Statement: Statement[] }).Statement);
}

export const actionsOf = (s: Statement): string[] => (Array.isArray(s.Action) ? s.Action : [s.Action]);
export const resourcesOf = (s: Statement): unknown[] =>
  Array.isArray(s.Resource) ? s.Resource : [s.Resource];
