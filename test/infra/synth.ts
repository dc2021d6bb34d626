/**
 * One synthesized app per test file (bundling the functions with esbuild is the slow part), built
 * by the same `createApp` as `npm run synth`, with real bundling. Only CDK's built-in CloudFormation
 * linter is off here (it adds ~40 s and is not what these tests assert); cdk-nag stays on.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CfnElement, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { type BloodBankApp, createApp } from '../../infra/lib/app.js';

export interface Synthesized extends BloodBankApp {
  outdir: string;
  data: BloodBankApp['data'];
  stateful: Template;
  stateless: Template;
}

export function synthesize(): Synthesized {
  const outdir = mkdtempSync(join(tmpdir(), 'bloodbank-cdk-'));
  const built = createApp({ outdir, builtinCloudFormationValidation: false });
  built.app.synth();
  return {
    ...built,
    outdir,
    stateful: Template.fromStack(built.data),
    stateless: Template.fromStack(built.service),
  };
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
